package io.kinora.catalog.domain;

/** PROCESSING until the first rendition is published (READY), COMPLETED when all are; FAILED with a reason. */
public enum VideoStatus { PROCESSING, READY, COMPLETED, FAILED }
