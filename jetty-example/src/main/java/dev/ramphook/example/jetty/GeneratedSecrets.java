package dev.ramphook.example.jetty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.LoggerFactory;

/**
 * The secrets the example generated because their variables were unset. A user who sends from a second shell needs
 * them there: the example prints one {@code export} line to paste, and when a delivery to such an endpoint is
 * refused with 401 (the second shell has another value, or none), one line says why, once per endpoint. That line
 * names the variable and never the secret: it may reach a log that others read.
 */
final class GeneratedSecrets implements RequestLog {

    /** Endpoint path to the variable its generated secret would have come from, in start-up order. */
    private final Map<String, String> variableByPath;
    private final String exportLine;
    private final Consumer<String> sink;
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    private GeneratedSecrets(Map<String, String> variableByPath, String exportLine, Consumer<String> sink) {
        this.variableByPath = variableByPath;
        this.exportLine = exportLine;
        this.sink = sink;
    }

    /** None generated: prints nothing, and no 401 is explained. */
    static GeneratedSecrets none() {
        return new GeneratedSecrets(Map.of(), "", line -> { });
    }

    /**
     * @param secrets   provider id to the secret its endpoint {@code /webhooks/<id>} uses
     * @param generated the ids among them whose secret was generated for this run
     * @param sink      where the 401 explanation goes (the example's log)
     */
    static GeneratedSecrets of(Map<String, String> secrets, Set<String> generated, Consumer<String> sink) {
        Map<String, String> variableByPath = new LinkedHashMap<>();
        List<String> assignments = new ArrayList<>();
        secrets.forEach((id, secret) -> {
            if (generated.contains(id)) {
                String variable = ProviderSecrets.variable(id);
                variableByPath.put("/webhooks/" + id, variable);
                assignments.add(variable + "=" + secret); // generated hex: nothing for a shell to quote
            }
        });
        return new GeneratedSecrets(variableByPath,
                assignments.isEmpty() ? "" : "  export " + String.join(" ", assignments), sink);
    }

    /** The same, explaining to the example's log. */
    static GeneratedSecrets of(Map<String, String> secrets, Set<String> generated) {
        return of(secrets, generated, LoggerFactory.getLogger(GeneratedSecrets.class)::warn);
    }

    boolean isEmpty() {
        return variableByPath.isEmpty();
    }

    /** What the example prints at start-up: the {@code export} line to paste; nothing when no secret was generated. */
    List<String> startupLines() {
        if (isEmpty()) {
            return List.of();
        }
        return List.of("Secrets generated for this run (their variables are unset); in the shell you send from, paste:",
                exportLine);
    }

    /** Called by Jetty once per request, after its answer: explains a 401 at an endpoint with a generated secret. */
    @Override
    public void log(Request request, Response response) {
        if (response.getStatus() != 401) {
            return;
        }
        String path = request.getHttpURI().getPath();
        if (path == null) {
            return;
        }
        for (Map.Entry<String, String> endpoint : variableByPath.entrySet()) {
            String base = endpoint.getKey();
            if ((path.equals(base) || path.startsWith(base + "/")) && told.add(base)) {
                sink.accept("401 at " + base + ": " + endpoint.getValue() + " was not set, so this run's secret was"
                        + " generated at start-up; paste the export line printed then into the shell you send from"
                        + " (said once per endpoint)");
            }
        }
    }

    @Override
    public String toString() {
        // Never the secrets: only which variables were generated.
        return "GeneratedSecrets" + variableByPath.values().stream().collect(Collectors.joining(", ", "[", "]"));
    }
}
