package io.kinora.it.support;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A minimal EventSource over java.net.http: reads events on a thread until closed. */
public final class SseClient implements AutoCloseable {
    public record Event(long id, String name, String data) { }

    public final List<Event> events = new CopyOnWriteArrayList<>();
    public final int status;
    private final InputStream body;
    private final Thread reader;

    public SseClient(String url, String lastEventId, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        if (lastEventId != null) b.header("Last-Event-ID", lastEventId);
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        status = r.statusCode();
        body = r.body();
        reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        if (status == 200) reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            long id = -1;
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data.length() > 0) events.add(new Event(id, name, data.toString()));
                    id = -1;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) id = Long.parseLong(line.substring(3).strip());
                else if (line.startsWith("event:")) name = line.substring(6).strip();
                else if (line.startsWith("data:")) data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).strip());
            }
        } catch (Exception e) {
            // closed
        }
    }

    public boolean await(Predicate<List<Event>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(new ArrayList<>(events))) return true;
            Videos.sleep(100);
        }
        return condition.test(new ArrayList<>(events));
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (Exception e) {
            // ignore
        }
        reader.interrupt();
    }
}
