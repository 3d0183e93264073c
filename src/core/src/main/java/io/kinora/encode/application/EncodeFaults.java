package io.kinora.encode.application;

import io.kinora.media.FfmpegException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Operator-controlled fault injection for drills and tests: the system property
 * {@code kinora.encode.inject-failures} = "N" fails the next N piece encodes, "always" fails every one.
 * Set and removed at runtime through the management API; absent in normal operation.
 */
public final class EncodeFaults {
    static final String PROPERTY = "kinora.encode.inject-failures";
    private static final AtomicInteger USED = new AtomicInteger();
    private static volatile String lastSetting;

    private EncodeFaults() { }

    public static void beforePieceEncode(String what) {
        String setting = System.getProperty(PROPERTY);
        if (setting == null || setting.isBlank()) {
            lastSetting = null;
            return;
        }
        synchronized (EncodeFaults.class) {
            if (!setting.equals(lastSetting)) {
                lastSetting = setting;
                USED.set(0);
            }
        }
        if ("always".equals(setting) || USED.incrementAndGet() <= Integer.parseInt(setting)) {
            throw new FfmpegException("injected encoder failure (" + PROPERTY + "=" + setting + ") on " + what);
        }
    }
}
