package io.kinora.media;

/** An exact ratio as FFmpeg prints it ("30000/1001", "16:9"); frame rates must not be rounded to doubles. */
public record Rational(long numerator, long denominator) {

    public Rational {
        if (denominator == 0) {
            throw new IllegalArgumentException("zero denominator");
        }
    }

    /** Parses "a/b" or "a:b"; returns null for FFmpeg's "0/0" (unknown) or anything unparsable. */
    public static Rational parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split("[/:]");
        try {
            long num = Long.parseLong(parts[0].trim());
            long den = parts.length > 1 ? Long.parseLong(parts[1].trim()) : 1;
            return den == 0 || num == 0 ? null : new Rational(num, den);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public double toDouble() {
        return (double) numerator / denominator;
    }

    /** FFmpeg syntax, usable for -r and the fps filter. */
    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
