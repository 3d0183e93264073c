package io.kinora.catalog.application;

import io.kinora.catalog.domain.VideoStatus;

/** Fired when a video moves between PROCESSING, READY, COMPLETED and FAILED (webhooks and SSE listen). */
public record VideoStatusChanged(String videoId, long ownerId, VideoStatus from, VideoStatus to, String failureCode) { }
