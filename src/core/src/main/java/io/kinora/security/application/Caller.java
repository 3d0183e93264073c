package io.kinora.security.application;

/** Who is asking: an account, or nobody (anonymous viewer). */
public record Caller(Long userId, String username, boolean admin) {
    public static final Caller ANONYMOUS = new Caller(null, null, false);

    public boolean anonymous() { return userId == null; }

    public boolean owns(long ownerId) { return userId != null && userId == ownerId; }

    public boolean mayManage(long ownerId) { return admin || owns(ownerId); }
}
