package io.kinora.problem;

/** For tests of refusals: the code a piece of code refuses with. */
public final class ProblemCodes {
    private ProblemCodes() { }

    /** The refusal's code, or null when {@code r} runs through. */
    public static String codeOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (ProblemException e) {
            return e.code();
        }
    }
}
