package dev.ramphook.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a compiled module offers: its descriptor and its public types (a nested type counts when it and every type
 * around it are public or protected, i.e. when code outside the package can name it), per package.
 */
final class PublicTypes {

    private PublicTypes() {
    }

    /** The classes directory (or jar root) that {@code type} was loaded from. */
    static Path root(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ModuleDescriptor descriptor(Path classes) throws IOException {
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    /** Packages exported to everyone (qualified exports, to named friend modules only, are not API). */
    static Set<String> exportedPackages(ModuleDescriptor descriptor) {
        Set<String> exported = new TreeSet<>();
        for (ModuleDescriptor.Exports e : descriptor.exports()) {
            if (!e.isQualified()) {
                exported.add(e.source());
            }
        }
        return exported;
    }

    /** Package name → binary names of the types outside code can name, for every class file under {@code classes}. */
    static Map<String, Set<String>> byPackage(Path classes, ClassLoader loader) throws IOException {
        Map<String, Set<String>> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String relative = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                if (name.equals("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = load(name, loader);
                String pkg = type.getPackageName();
                found.computeIfAbsent(pkg, p -> new TreeSet<>());
                if (visibleOutside(type)) {
                    found.get(pkg).add(name.substring(pkg.length() + 1));
                }
            }
        }
        return found;
    }

    private static boolean visibleOutside(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic()) {
                return false;
            }
            int m = t.getModifiers();
            boolean nested = t.getDeclaringClass() != null;
            if (!(Modifier.isPublic(m) || nested && Modifier.isProtected(m))) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader); // not initialised: no static initialiser runs
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }

    /** One line per package: {@code dev.ramphook.auth  11  exported}. */
    static String table(Map<String, Set<String>> byPackage, Set<String> exported) {
        StringBuilder out = new StringBuilder();
        byPackage.forEach((pkg, types) -> out.append(String.format("%-28s %3d  %s%n", pkg, types.size(),
                exported.contains(pkg) ? "exported" : "NOT exported " + types)));
        return out.toString();
    }
}
