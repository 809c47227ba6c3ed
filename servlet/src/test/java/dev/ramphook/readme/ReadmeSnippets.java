package dev.ramphook.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ```java blocks of a Markdown file, each turned into one compilation unit with a map back to the Markdown lines.
 * See {@link ReadmeSnippetsTest} for the conventions.
 */
final class ReadmeSnippets {

    /** Markdown line numbers are 1-based; a generated line that comes from no Markdown line maps to this. */
    static final int HIDDEN = -1;

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*(\\S*).*$");
    /**
     * {@code <!-- java-compiled-by: <test> -->} right before a fence: the block is a tested file shown word for word
     * (the named test checks it), compiled where its stack's libraries are (Jersey, Vert.x, Quarkus), not here.
     */
    private static final Pattern COMPILED_ELSEWHERE = Pattern.compile("^\\s*<!--\\s*java-compiled-by:\\s*\\S+\\s*-->\\s*$");
    private static final Pattern GIVEN_START = Pattern.compile("^\\s*<!--\\s*java-given\\b(.*)$");
    /** A block declaring a top-level type is a whole file; anything else is a fragment (statements). */
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(@[\\w.]+(\\([^)]*\\))?\\s+)*((public|abstract|final|sealed|non-sealed)\\s+)*"
                    + "(class|interface|enum|record|@interface)\\s+\\w+.*");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+[\\w.]+\\s*;.*");

    private ReadmeSnippets() {
    }

    /** One snippet as a Java file: {@code source} and, per source line, the Markdown line it came from. */
    record Snippet(String file, int fenceLine, String packageName, String source, int[] markdownLines) {

        int markdownLine(long sourceLine) {
            if (sourceLine < 1 || sourceLine > markdownLines.length) {
                return HIDDEN;
            }
            return markdownLines[(int) sourceLine - 1];
        }
    }

    static final String FRAGMENT_CLASS = "ReadmeFragment";

    static List<Snippet> parse(List<String> markdown) {
        return parse("README.md", markdown);
    }

    /**
     * The snippets of one Markdown file; {@code file} (such as {@code docs/spring-boot.md}) names it in messages and
     * keeps the generated packages of two files apart.
     */
    static List<Snippet> parse(String file, List<String> markdown) {
        List<Snippet> snippets = new ArrayList<>();
        List<String> given = List.of();
        int givenEnd = -2;
        for (int i = 0; i < markdown.size(); i++) {
            String line = markdown.get(i);
            Matcher givenStart = GIVEN_START.matcher(line);
            if (givenStart.matches()) {
                List<String> lines = new ArrayList<>();
                String rest = givenStart.group(1);
                int j = i;
                while (!rest.contains("-->")) {
                    if (!rest.isBlank()) {
                        lines.add(rest);
                    }
                    j++;
                    if (j == markdown.size()) {
                        throw new IllegalArgumentException(file + ":" + (i + 1) + ": java-given comment never closed");
                    }
                    rest = markdown.get(j);
                }
                String last = rest.substring(0, rest.indexOf("-->"));
                if (!last.isBlank()) {
                    lines.add(last);
                }
                given = lines;
                givenEnd = j;
                i = j;
                continue;
            }
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                continue;
            }
            int close = closingFence(file, markdown, i, fence.group(2));
            boolean compiledElsewhere = i > 0 && COMPILED_ELSEWHERE.matcher(markdown.get(i - 1)).matches();
            if (fence.group(3).equals("java") && !compiledElsewhere) {
                List<String> body = new ArrayList<>();
                for (int k = i + 1; k < close; k++) {
                    body.add(unindent(markdown.get(k), fence.group(1).length()));
                }
                List<String> hidden = givenEnd == i - 1 ? given : List.of();
                snippets.add(toSource(file, i + 1, body, hidden));
            } else if (givenEnd == i - 1) {
                throw new IllegalArgumentException(file + ":" + (i + 1)
                        + ": a java-given comment must be followed by a ```java block");
            }
            i = close;
        }
        return snippets;
    }

    private static int closingFence(String file, List<String> markdown, int open, String marker) {
        for (int k = open + 1; k < markdown.size(); k++) {
            if (markdown.get(k).strip().equals(marker)) {
                return k;
            }
        }
        throw new IllegalArgumentException(file + ":" + (open + 1) + ": code block never closed");
    }

    private static String unindent(String line, int indent) {
        int strip = 0;
        while (strip < indent && strip < line.length() && line.charAt(strip) == ' ') {
            strip++;
        }
        return line.substring(strip);
    }

    /**
     * Imports (of the block and of its java-given comment) first; then a whole-file block as it is, or a fragment as
     * the body of a method; the other given lines after the block (whole file: extra top-level types) or before its
     * method (fragment: fields and nested types of the wrapper class).
     */
    private static Snippet toSource(String file, int fenceLine, List<String> body, List<String> given) {
        String pkg = "readme." + file.replaceAll("\\.md$", "").replaceAll("[^A-Za-z0-9]+", "_") + ".line" + fenceLine;
        List<String> out = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        boolean ownPackage = body.stream().anyMatch(l -> PACKAGE.matcher(l).matches());
        if (!ownPackage) {
            add(out, lines, "package " + pkg + ";", HIDDEN);
        }
        int firstCode = 0;
        for (int k = 0; k < body.size(); k++) {
            String l = body.get(k).strip();
            if (l.startsWith("import ") || PACKAGE.matcher(l).matches()) {
                add(out, lines, body.get(k), fenceLine + 1 + k);
                firstCode = k + 1;
            } else if (!l.isEmpty() && !l.startsWith("//")) {
                break;
            }
        }
        List<String> givenMembers = new ArrayList<>();
        for (String g : given) {
            if (g.strip().startsWith("import ")) {
                add(out, lines, g, HIDDEN);
            } else {
                givenMembers.add(g);
            }
        }
        boolean wholeFile = body.subList(firstCode, body.size()).stream()
                .anyMatch(l -> TOP_LEVEL_TYPE.matcher(l).matches());
        if (!wholeFile) {
            add(out, lines, "class " + FRAGMENT_CLASS + " {", HIDDEN);
            givenMembers.forEach(g -> add(out, lines, g, HIDDEN));
            add(out, lines, "void snippet() throws Exception {", HIDDEN);
        }
        for (int k = firstCode; k < body.size(); k++) {
            add(out, lines, body.get(k), fenceLine + 1 + k);
        }
        if (wholeFile) {
            givenMembers.forEach(g -> add(out, lines, g, HIDDEN));
        } else {
            add(out, lines, "}}", HIDDEN);
        }
        return new Snippet(file, fenceLine, ownPackage ? null : pkg, String.join("\n", out) + "\n",
                lines.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void add(List<String> out, List<Integer> lines, String line, int markdownLine) {
        out.add(line);
        lines.add(markdownLine);
    }
}
