package io.kinora.web;

import io.kinora.ops.metrics.OpsCounters;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's error page (web.xml): an error that never reached Kinora's mappers (the container or the framework
 * called sendError, or a filter threw) still leaves as problem+json with a stable code, without the HTML page and
 * without framework internals.
 */
@WebServlet(urlPatterns = "/problem")
public class ErrorPageServlet extends HttpServlet {
    @Inject OpsCounters counters;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object s = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = s instanceof Integer i && i >= 400 && i <= 599 ? i : 404;
        String code = Problem.codeOf(status);
        Problem p = Problem.of(status, code, status >= 500 ? "unexpected error; see server log" : "the request cannot be handled");
        counters.problem(p.status(), p.code());
        if (response.isCommitted()) return;
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        if (request.getRequestURI() != null && String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))
                .contains("/api/v1/uploads")) {
            response.setHeader("Tus-Resumable", "1.0.0");
        }
        byte[] body = p.toJson().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) response.getOutputStream().write(body);
    }
}
