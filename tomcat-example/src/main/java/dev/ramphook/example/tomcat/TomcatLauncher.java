package dev.ramphook.example.tomcat;

import java.io.File;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * Runs this WAR's exploded directory ({@code target/ramphook-tomcat-example}, made by {@code mvn package}) in
 * embedded Tomcat for local tries: {@code PORT} (default 8080); {@code ZBD_WEBHOOK_TOKEN} and
 * {@code MECASH_WEBHOOK_SECRET} are generated (as system properties, which the configuration falls back to) and
 * printed when unset. Not used when the WAR is deployed to a real Tomcat.
 */
public final class TomcatLauncher {

    private TomcatLauncher() {
    }

    /**
     * Starts Tomcat with the exploded WAR and serves until the process is stopped.
     *
     * @param args optionally the exploded WAR's directory; default {@code target/ramphook-tomcat-example}
     * @throws IllegalStateException when that directory is not an exploded WAR (run {@code mvn package} first)
     * @throws Exception             when Tomcat cannot start, such as when the port is taken
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080").trim());
        File webapp = new File(args.length > 0 ? args[0] : "target/ramphook-tomcat-example");
        if (!new File(webapp, "WEB-INF").isDirectory()) {
            throw new IllegalStateException(webapp.getAbsolutePath() + " is not an exploded WAR: run mvn package first");
        }
        String token = secret("ZBD_WEBHOOK_TOKEN");
        String meCashSecret = secret("MECASH_WEBHOOK_SECRET");

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("ramphook-tomcat").toString());
        tomcat.setPort(port);
        // 100 Continue only once the body is read, so that a refused delivery never gets to send it.
        tomcat.getConnector().setProperty("continueResponseTiming", "onRead");
        deploy(tomcat, "", webapp.getAbsolutePath());
        tomcat.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (Exception e) {
                System.err.println("ramphook example: error while stopping: " + e);
            }
        }, "ramphook-shutdown"));
        String base = "http://localhost:" + tomcat.getConnector().getLocalPort();
        System.out.println("ramphook Tomcat example listening on " + base + "/ (GET /events lists what was received)");
        if (token != null) {
            System.out.println("ZBD_WEBHOOK_TOKEN is not set; generated for this run: " + base
                    + "/webhooks/zbd?token=" + token);
        }
        if (meCashSecret != null) {
            System.out.println("MECASH_WEBHOOK_SECRET is not set; generated for this run: export"
                    + " MECASH_WEBHOOK_SECRET=" + meCashSecret + " in the shell you sign with");
        }
        tomcat.getServer().await();
    }

    /**
     * Deploys a WAR (file or exploded directory) the way a standalone Tomcat does, with its DefaultServlet but
     * without the JSP engine this example does not ship (Tomcat's own defaults would log a missing Jasper).
     */
    static Context deploy(Tomcat tomcat, String contextPath, String war) {
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp(contextPath, war);
        // Under mvn exec:java the system class loader is Maven's: the web app's parent must be the one with Tomcat.
        context.setParentClassLoader(TomcatLauncher.class.getClassLoader());
        context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                Wrapper servlet = Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
                servlet.setLoadOnStartup(1);
                servlet.setOverridable(true);
                // The wrapper's own mapping call is the one Tomcat 9, 10.1 and 11 all have (the context's differ),
                // so this launcher also deploys the WAR transformed for javax (TomcatWarIT's Tomcat 9 run).
                servlet.addMapping("/");
                context.addMimeMapping("html", "text/html");
                context.addWelcomeFile("index.html");
            }
        });
        return context;
    }

    /** Null when the variable is set; otherwise a generated secret, set as the system property of that name. */
    private static String secret(String name) {
        String value = System.getenv(name);
        if (value != null && !value.isBlank()) {
            return null;
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String generated = HexFormat.of().formatHex(bytes);
        System.setProperty(name, generated);
        return generated;
    }
}
