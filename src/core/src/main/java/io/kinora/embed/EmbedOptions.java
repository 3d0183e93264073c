package io.kinora.embed;

import io.kinora.problem.ProblemException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The player options an embed takes from its query string: {@code start} (seconds {@code 90}, {@code 1:30},
 * {@code 1:02:03} or {@code 1m30s}), {@code autoplay}, {@code muted}, {@code loop} ({@code 1}/{@code 0},
 * {@code true}/{@code false}) and {@code captions} (a language tag, e.g. {@code en} or {@code de-ch}).
 * Anything else is ignored; a value that does not parse is 400 {@code invalid-embed-option}.
 */
public record EmbedOptions(double start, boolean autoplay, boolean muted, boolean loop, String captions) {
    public static final EmbedOptions DEFAULT = new EmbedOptions(0, false, false, false, null);

    private static final Pattern SECONDS = Pattern.compile("\\d{1,7}(\\.\\d{1,3})?");
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d{1,4}):)?(\\d{1,2}):(\\d{2})(\\.\\d{1,3})?");
    private static final Pattern UNITS = Pattern.compile("(?:(\\d{1,4})h)?(?:(\\d{1,5})m)?(?:(\\d{1,7})s)?");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})*");

    /** {@code param} gives a query parameter's value or null. */
    public static EmbedOptions parse(Function<String, String> param) {
        return new EmbedOptions(start(param.apply("start")), flag("autoplay", param.apply("autoplay")),
                flag("muted", param.apply("muted")), flag("loop", param.apply("loop")), captions(param.apply("captions")));
    }

    static double start(String v) {
        if (v == null || v.isBlank()) return 0;
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (SECONDS.matcher(s).matches()) return Double.parseDouble(s);
        Matcher m = CLOCK.matcher(s);
        if (m.matches()) {
            int minutes = Integer.parseInt(m.group(2)), seconds = Integer.parseInt(m.group(3));
            if (seconds < 60 && (m.group(1) == null || minutes < 60)) {
                double frac = m.group(4) == null ? 0 : Double.parseDouble(m.group(4));
                return (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)) * 3600) + minutes * 60 + seconds + frac;
            }
        }
        m = UNITS.matcher(s);
        if (m.matches() && (m.group(1) != null || m.group(2) != null || m.group(3) != null)) {
            return num(m.group(1)) * 3600L + num(m.group(2)) * 60L + num(m.group(3));
        }
        throw invalid("start must be seconds (90), a clock time (1:30, 1:02:03) or 1m30s, not " + v);
    }

    static boolean flag(String name, String v) {
        if (v == null || v.isBlank()) return false;
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw invalid(name + " must be 1 or 0, not " + v);
        };
    }

    static String captions(String v) {
        if (v == null || v.isBlank()) return null;
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (s.length() > 35 || !LANGUAGE.matcher(s).matches()) throw invalid("captions must be a language tag such as en or de-ch, not " + v);
        return s;
    }

    private static long num(String g) { return g == null ? 0 : Long.parseLong(g); }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-embed-option", detail);
    }
}
