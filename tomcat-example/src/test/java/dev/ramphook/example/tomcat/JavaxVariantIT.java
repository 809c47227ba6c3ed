package dev.ramphook.example.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The {@code javax} variant of ramphook-servlet, as built, on a Servlet 4.0 class path (the Tomcat 9 run): nothing
 * left of {@code jakarta.servlet}, the drop-in registered under the javax name, and every {@code javax.servlet}
 * method it calls present in Servlet 4.0 (a call to a Servlet 5/6-only method would pass the rename and fail only
 * when reached, on the first delivery that takes that path). ASM comes with Jetty 10's annotation scanner.
 */
class JavaxVariantIT {

    private static JarFile jar;

    @BeforeAll
    static void open() throws IOException {
        URL filter = ClassLoader.getSystemResource("dev/ramphook/servlet/WebhookFilter.class");
        assertThat(filter).as("ramphook-servlet on the class path").isNotNull();
        assertThat(filter.getProtocol()).isEqualTo("jar");
        jar = ((JarURLConnection) filter.openConnection()).getJarFile();
        assertThat(jar.getName()).endsWith("-javax.jar");
    }

    @Test
    void theDropInIsRegisteredUnderTheJavaxName() {
        assertThat(jar.getEntry("META-INF/services/javax.servlet.ServletContainerInitializer")).isNotNull();
        assertThat(jar.getEntry("META-INF/services/jakarta.servlet.ServletContainerInitializer")).isNull();
    }

    @Test
    void isTheAutomaticModuleDevRamphookServletWithoutTheJakartaDescriptor() throws IOException {
        // A transformed module-info.class would still require jakarta.servlet while providing a javax service.
        assertThat(jar.getEntry("module-info.class")).isNull();
        assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                .isEqualTo("dev.ramphook.servlet");
    }

    @Test
    void noClassMentionsJakartaServlet() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (JarEntry entry : classes()) {
            String bytes = new String(read(entry), StandardCharsets.ISO_8859_1);
            if (bytes.contains("jakarta/servlet") || bytes.contains("jakarta.servlet")) {
                offenders.add(entry.getName());
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void holdsNoSpringBootAutoConfiguration() throws IOException {
        // Spring Boot 3/4 are Jakarta; a Spring Boot 2 (javax) application must not find the auto-configuration.
        assertThat(jar.getEntry("META-INF/spring.factories")).isNull();
        assertThat(Collections.list(jar.entries())).noneMatch(e -> e.getName().startsWith("META-INF/spring/"));
        List<String> offenders = new ArrayList<>();
        for (JarEntry entry : classes()) {
            if (new String(read(entry), StandardCharsets.ISO_8859_1).contains("org/springframework/")) {
                offenders.add(entry.getName());
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void everyServletMethodCalledExistsInServlet40() throws IOException {
        List<String> missing = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (JarEntry entry : classes()) {
            new ClassReader(read(entry)).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String desc,
                                                    boolean isInterface) {
                            if (owner.startsWith("javax/servlet/")) {
                                checked.add(owner + "." + method);
                                if (!exists(owner, method, desc)) {
                                    missing.add(entry.getName() + " calls " + owner + "." + method + desc);
                                }
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG);
        }
        assertThat(checked).as("servlet calls found").contains("javax/servlet/http/HttpServletRequest.getMethod");
        assertThat(missing).isEmpty();
    }

    private static boolean exists(String owner, String method, String descriptor) {
        try {
            ClassLoader loader = JavaxVariantIT.class.getClassLoader();
            Class<?> type = Class.forName(owner.replace('/', '.'), false, loader);
            if (method.equals("<init>")) {
                MethodType wanted = MethodType.fromMethodDescriptorString(descriptor, loader);
                return Arrays.stream(type.getDeclaredConstructors())
                        .anyMatch(c -> Arrays.equals(c.getParameterTypes(), wanted.parameterArray()));
            }
            MethodType wanted = MethodType.fromMethodDescriptorString(descriptor, loader);
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (declares(c, method, wanted)) {
                    return true;
                }
            }
            return Arrays.stream(type.getMethods()).anyMatch(m -> matches(m, method, wanted));
        } catch (ClassNotFoundException | TypeNotPresentException e) {
            return false;
        }
    }

    private static boolean declares(Class<?> c, String method, MethodType wanted) {
        return Arrays.stream(c.getDeclaredMethods()).anyMatch(m -> matches(m, method, wanted));
    }

    private static boolean matches(Method m, String method, MethodType wanted) {
        return m.getName().equals(method) && Arrays.equals(m.getParameterTypes(), wanted.parameterArray())
                && m.getReturnType().equals(wanted.returnType());
    }

    private static List<JarEntry> classes() {
        return Collections.list(jar.entries()).stream().filter(e -> e.getName().endsWith(".class")).toList();
    }

    private static byte[] read(JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
