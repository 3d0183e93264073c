package io.kinora.security.application;

/**
 * Fired (synchronously) when an account is being closed, after its tokens stopped working and before the account
 * row goes: what the account owns (videos, webhooks) is deleted by its capability.
 */
public record AccountClosing(long accountId) { }
