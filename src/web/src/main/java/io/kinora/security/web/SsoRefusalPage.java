package io.kinora.security.web;

import io.kinora.web.Html;
import io.kinora.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * A refused SSO sign-in as a person sees it: a page that says what happened and what to do (the browser arrived by a
 * redirect, so raw problem+json would be a dead end). The code stays on the page ({@code data-code}) for tests and
 * for the help desk.
 */
final class SsoRefusalPage {
    private SsoRefusalPage() { }

    private record Text(String what, String todo) { }

    private static final Map<String, Text> TEXTS = Map.of(
            "sso-account-conflict", new Text("Another Kinora account already uses your name, so your company account cannot be set up under it.",
                    "Ask a Kinora administrator to close the other account, then sign in again. (Kinora never hands an existing account to a company sign-in just because the names match.)"),
            "account-disabled", new Text("Your Kinora account is disabled.", "Ask a Kinora administrator to enable it."),
            "sso-state-invalid", new Text("This sign-in took too long, or was started in another window.", "Start the sign-in again."),
            "sso-refused", new Text("The sign-in provider did not sign you in.", "Try again; if you cancelled, nothing else is needed."),
            "sso-token-refused", new Text("The sign-in provider did not accept Kinora's request.", "Try again. If it keeps happening, tell your administrator: the server log says why."),
            "sso-token-invalid", new Text("The sign-in provider's answer could not be verified.", "Try again. If it keeps happening, tell your administrator: the server log says why."),
            "sso-provider-unavailable", new Text("The sign-in provider cannot be reached right now.", "Try again in a minute; if it lasts, tell your administrator."),
            "sso-not-configured", new Text("Single sign-on is not set up on this server.", "Sign in with your Kinora password instead."));

    static Response of(ProblemException p, String root) {
        Text t = TEXTS.getOrDefault(p.code(), new Text(p.getMessage(), "Try again."));
        String html = Html.page("""
                  <title>Sign-in not completed · Kinora</title>
                  <link rel="stylesheet" href="%scss/app.css">
                """.formatted(Html.esc(root)), "", """
                  <main class="card refusal" id="sso-refusal" role="alert" data-code="%2$s">
                    <h1>Sign-in not completed</h1>
                    <p>%3$s</p>
                    <p><strong>What to do:</strong> %4$s</p>
                    <p><a class="button" id="sso-retry" href="%1$sapi/v1/auth/sso/login">Sign in with SSO again</a>
                       <a href="%1$s#/signin">Sign in with a password</a> · <a href="%1$s">Back to Kinora</a></p>
                    <p class="muted">Reference for your administrator: <code>%2$s</code></p>
                  </main>
                """.formatted(Html.esc(root), Html.esc(p.code()), Html.esc(t.what()), Html.esc(t.todo())));
        return Response.status(io.kinora.web.Problem.status(p.kind())).type("text/html;charset=UTF-8").header("Cache-Control", "no-store").entity(html).build();
    }

}
