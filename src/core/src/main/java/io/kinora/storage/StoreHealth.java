package io.kinora.storage;

/** Result of {@link ObjectStore#check()}: whether the store is usable, and a human-readable reason. */
public record StoreHealth(boolean ok, String message) {

    public static StoreHealth up(String message) {
        return new StoreHealth(true, message);
    }

    public static StoreHealth down(String message) {
        return new StoreHealth(false, message);
    }
}
