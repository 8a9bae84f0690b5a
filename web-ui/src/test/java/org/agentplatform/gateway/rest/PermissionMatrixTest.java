package org.agentplatform.gateway.rest;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.agentplatform.gateway.security.Roles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every JAX-RS endpoint of the API is in the written permission matrix, {@code docs/permissions.md}, with
 * exactly the roles its annotations admit, and every row of the matrix is an endpoint. The endpoints are
 * found by scanning the compiled classes of this package, so a new resource or method cannot be forgotten;
 * no container is started.
 */
class PermissionMatrixTest {

    private static final Path MATRIX =
            Path.of(System.getProperty("basedir", ".")).resolve("../docs/permissions.md").normalize();
    private static final Endpoint TOKEN = new Endpoint("POST", "/api/v1/auth/token");
    /** Fewer would mean the scan looked in the wrong place rather than that the API shrank. */
    private static final int AT_LEAST = 15;

    private static final String PUBLIC = "public";
    private static final String DENIED = "denied";

    private static Scan code;
    private static Matrix matrix;

    @BeforeAll
    static void readCodeAndMatrix() throws IOException {
        code = Scan.of(PlatformApplication.class);
        matrix = Matrix.read(MATRIX);
    }

    @Test
    void scanFindsTheWholeApi() {
        assertTrue(code.endpoints.size() >= AT_LEAST, "Only " + code.endpoints.size() + " endpoints found under "
                + code.classesDirectory + "; expected at least " + AT_LEAST + ":\n" + lines(code.endpoints.keySet()));
        assertTrue(code.endpoints.containsKey(TOKEN), TOKEN + " was not found; the scan is broken.");
    }

    @Test
    void everyEndpointDeclaresItsAccess() {
        assertNoProblems("Every endpoint must declare who may call it (@Roles, @PermitAll or @DenyAll, on"
                + " the method or its class), with roles from @DeclareRoles on PlatformApplication", code.problems);
    }

    @Test
    void matrixIsWellFormedAndSorted() {
        assertNoProblems(MATRIX + " is not in the expected shape", matrix.problems);
    }

    @Test
    void matrixAndCodeAdmitTheSameRoles() {
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> different = new ArrayList<>();
        code.endpoints.forEach((endpoint, found) -> {
            SortedSet<String> written = matrix.rows.get(endpoint);
            if (written == null) {
                missing.add(row(endpoint, found.access) + "   <- " + found.source);
            } else if (!written.equals(found.access)) {
                different.add(endpoint + ": the code (" + found.source + ") admits " + cell(found.access)
                        + ", the matrix says " + cell(written));
            }
        });
        matrix.rows.keySet().stream()
                .filter(endpoint -> !code.endpoints.containsKey(endpoint))
                .forEach(endpoint -> stale.add(row(endpoint, matrix.rows.get(endpoint))));

        StringBuilder message = new StringBuilder();
        section(message, "Endpoints missing from the matrix (add these rows, or fix the code)", missing);
        section(message, "Rows for endpoints that do not exist (remove them, or fix the path or method)", stale);
        section(message, "Roles that differ (change the @Roles or the row, so both say the same)", different);
        if (message.length() > 0) {
            fail(MATRIX + " and the JAX-RS resources disagree (" + (missing.size() + stale.size() + different.size())
                    + " differences):" + message);
        }
    }

    @Test
    void onlyTheTokenEndpointAndTheListedOnesArePublic() {
        Set<Endpoint> publicInCode = new TreeSet<>();
        code.endpoints.forEach((endpoint, found) -> {
            if (found.access.equals(Set.of(PUBLIC))) {
                publicInCode.add(endpoint);
            }
        });
        Set<Endpoint> allowedPublic = new TreeSet<>(Set.of(TOKEN));
        matrix.rows.forEach((endpoint, roles) -> {
            if (roles.equals(Set.of(PUBLIC))) {
                allowedPublic.add(endpoint);
            }
        });

        List<String> problems = new ArrayList<>();
        publicInCode.stream().filter(endpoint -> !allowedPublic.contains(endpoint))
                .forEach(endpoint -> problems.add(endpoint + " needs no token in the code ("
                        + code.endpoints.get(endpoint).source + ") but is not listed as public"));
        allowedPublic.stream().filter(endpoint -> !publicInCode.contains(endpoint))
                .forEach(endpoint -> problems.add(endpoint + " is meant to be public but the code "
                        + (code.endpoints.containsKey(endpoint) ? "admits only " + cell(code.endpoints.get(endpoint).access)
                                : "has no such endpoint")));
        assertNoProblems("The public endpoints are " + TOKEN + " and those the matrix lists as public", problems);
    }

    @Test
    void pathTemplatesLoseTheirRegularExpressions() {
        assertEquals("/api/v1/subscriptions/{group}/parked/{position}",
                Scan.path("api/v1", "subscriptions", "{group}/parked/{position: [0-9]+}"));
        assertEquals("/api/v1/streams/{type}/{id}/x/{code}", Scan.path("/api/v1/", "streams/{type}/{id}", "/x/{code : [A-Z]{3}}/"));
        assertEquals("/api/v1/agents", Scan.path("api/v1", "agents", null));
    }

    // --- the code ---------------------------------------------------------------------------------------

    /** Where an endpoint is implemented, and the roles it admits ({@code public}, {@code denied} or role names). */
    record Found(String source, SortedSet<String> access) {}

    /** The endpoints of every {@code @Path} class in the application's package and its subpackages. */
    static final class Scan {
        final Path classesDirectory;
        final Map<Endpoint, Found> endpoints = new TreeMap<>();
        final List<String> problems = new ArrayList<>();
        private final Set<String> declaredRoles;

        private Scan(Path classesDirectory, Set<String> declaredRoles) {
            this.classesDirectory = classesDirectory;
            this.declaredRoles = declaredRoles;
        }

        static Scan of(Class<?> application) throws IOException {
            String root = application.getAnnotation(ApplicationPath.class).value();
            Set<String> declared = Set.of(application.getAnnotation(DeclareRoles.class).value());
            Path directory = packageDirectory(application);
            Scan scan = new Scan(directory, declared);
            String packageName = application.getPackageName();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                    scan.inspect(packageName + "." + relative.substring(0, relative.length() - ".class".length()), root);
                }
            }
            return scan;
        }

        private static Path packageDirectory(Class<?> application) {
            URL url = application.getResource(application.getSimpleName() + ".class");
            if (url == null || !"file".equals(url.getProtocol())) {
                throw new IllegalStateException("Expected " + application.getName()
                        + " in a classes directory (target/classes), found it at " + url);
            }
            try {
                return Path.of(url.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(url.toString(), e);
            }
        }

        private void inspect(String className, String root) {
            Class<?> type;
            try {
                type = Class.forName(className, false, getClass().getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add("cannot load " + className + ": " + e);
                return;
            }
            jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (classPath == null) {
                return;
            }
            if (Modifier.isAbstract(type.getModifiers())) {
                problems.add(type.getSimpleName() + " is an abstract or interface @Path type; this test only reads"
                        + " concrete resource classes");
                return;
            }
            Arrays.stream(type.getMethods())
                    .filter(method -> !method.isBridge() && !method.isSynthetic() && method.getDeclaringClass() != Object.class)
                    .sorted(Comparator.comparing(Method::toGenericString))
                    .forEach(method -> inspect(type, classPath.value(), method, root));
        }

        private void inspect(Class<?> type, String classPath, Method method, String root) {
            String source = type.getSimpleName() + "." + method.getName();
            List<String> verbs = Arrays.stream(method.getAnnotations())
                    .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                    .filter(verb -> verb != null)
                    .map(HttpMethod::value)
                    .toList();
            jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
            if (verbs.isEmpty()) {
                if (methodPath != null) {
                    problems.add(source + " is a sub-resource locator; its endpoints cannot be listed by this test"
                            + " (give it an HTTP method, or teach PermissionMatrixTest to follow locators)");
                }
                return;
            }
            if (verbs.size() > 1) {
                problems.add(source + " has more than one HTTP method: " + verbs);
                return;
            }
            Endpoint endpoint = new Endpoint(verbs.get(0), path(root, classPath, methodPath == null ? null : methodPath.value()));
            SortedSet<String> access = access(source, method);
            if (access == null) {
                access = access(source, type);
            }
            if (access == null) {
                problems.add(endpoint + " (" + source + ") declares no access: no @Roles, @PermitAll or @DenyAll"
                        + " on the method or on " + type.getSimpleName());
                access = new TreeSet<>(Set.of("(undeclared)"));
            }
            Found previous = endpoints.putIfAbsent(endpoint, new Found(source, access));
            if (previous != null && !previous.access.equals(access)) {
                problems.add(endpoint + " is served by " + previous.source + " and " + source
                        + " with different roles; one row of the matrix cannot say both");
            }
        }

        /** The roles one level (method or class) declares, or null when it declares nothing. */
        private SortedSet<String> access(String source, AnnotatedElement element) {
            if (element.isAnnotationPresent(jakarta.annotation.security.RolesAllowed.class)) {
                problems.add(source + ": use @Roles, not @Roles, on API resources (see Roles)");
            }
            Roles roles = element.getAnnotation(Roles.class);
            boolean permitAll = element.isAnnotationPresent(PermitAll.class);
            boolean denyAll = element.isAnnotationPresent(DenyAll.class);
            int declarations = (roles == null ? 0 : 1) + (permitAll ? 1 : 0) + (denyAll ? 1 : 0);
            if (declarations > 1) {
                problems.add(source + ": @Roles, @PermitAll and @DenyAll exclude each other on "
                        + (element instanceof Class<?> c ? c.getSimpleName() : "the method"));
            }
            if (denyAll) {
                return new TreeSet<>(Set.of(DENIED));
            }
            if (roles != null) {
                SortedSet<String> names = new TreeSet<>(Arrays.asList(roles.value()));
                names.stream().filter(name -> !declaredRoles.contains(name))
                        .forEach(name -> problems.add(source + " admits role '" + name + "', which PlatformApplication"
                                + " does not declare (@DeclareRoles: " + new TreeSet<>(declaredRoles) + ")"));
                if (names.isEmpty()) {
                    problems.add(source + " has an empty @Roles; use @DenyAll to admit nobody");
                }
                return names;
            }
            return permitAll ? new TreeSet<>(Set.of(PUBLIC)) : null;
        }

        /** The full path: segments joined by single slashes, {@code {name: regex}} written as {@code {name}}. */
        static String path(String... segments) {
            StringBuilder path = new StringBuilder();
            for (String segment : segments) {
                if (segment == null) {
                    continue;
                }
                for (String part : withoutRegularExpressions(segment).split("/")) {
                    if (!part.isEmpty()) {
                        path.append('/').append(part);
                    }
                }
            }
            return path.length() == 0 ? "/" : path.toString();
        }

        /** Regular expressions may hold braces ({@code {code: [A-Z]{3}}}), so braces are counted. */
        private static String withoutRegularExpressions(String template) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < template.length()) {
                char c = template.charAt(i);
                if (c != '{') {
                    out.append(c);
                    i++;
                    continue;
                }
                int depth = 0;
                int end = i;
                for (; end < template.length(); end++) {
                    if (template.charAt(end) == '{') {
                        depth++;
                    } else if (template.charAt(end) == '}' && --depth == 0) {
                        break;
                    }
                }
                String variable = template.substring(i + 1, Math.min(end, template.length()));
                int colon = variable.indexOf(':');
                out.append('{').append((colon < 0 ? variable : variable.substring(0, colon)).trim()).append('}');
                i = end + 1;
            }
            return out.toString();
        }
    }

    // --- the matrix -------------------------------------------------------------------------------------

    /** The one table of {@code docs/permissions.md}: {@code Method | Path | Roles}, sorted by path, then method. */
    static final class Matrix {
        final Map<Endpoint, SortedSet<String>> rows = new TreeMap<>();
        final List<String> problems = new ArrayList<>();

        static Matrix read(Path file) throws IOException {
            if (!Files.exists(file)) {
                throw new IllegalStateException("The permission matrix " + file + " is missing");
            }
            Matrix matrix = new Matrix();
            List<String> lines = Files.readAllLines(file);
            int tableLine = 0;
            Endpoint previous = null;
            for (int n = 1; n <= lines.size(); n++) {
                String line = lines.get(n - 1).trim();
                if (!line.startsWith("|")) {
                    continue;
                }
                tableLine++;
                String at = file.getFileName() + " line " + n + ": ";
                List<String> cells = cells(line);
                if (tableLine == 1) {
                    if (!cells.equals(List.of("Method", "Path", "Roles"))) {
                        matrix.problems.add(at + "the header must be | Method | Path | Roles |, found " + line);
                    }
                    continue;
                }
                if (tableLine == 2 && cells.stream().allMatch(cell -> cell.matches(":?-+:?"))) {
                    continue;
                }
                if (cells.size() != 3 || cells.get(0).isEmpty() || !cells.get(1).startsWith("/") || cells.get(2).isEmpty()) {
                    matrix.problems.add(at + "expected | METHOD | /path | role, role |, found " + line);
                    continue;
                }
                Endpoint endpoint = new Endpoint(cells.get(0), cells.get(1));
                List<String> written = Arrays.stream(cells.get(2).split(",")).map(String::trim).toList();
                SortedSet<String> roles = new TreeSet<>(written);
                if (roles.size() != written.size() || roles.contains("")) {
                    matrix.problems.add(at + "empty or repeated role in " + line);
                }
                if (roles.size() > 1 && (roles.contains(PUBLIC) || roles.contains(DENIED))) {
                    matrix.problems.add(at + "'" + PUBLIC + "' and '" + DENIED + "' stand alone, found " + line);
                }
                if (!written.equals(List.copyOf(roles))) {
                    matrix.problems.add(at + "roles are sorted: write " + row(endpoint, roles));
                }
                if (matrix.rows.putIfAbsent(endpoint, roles) != null) {
                    matrix.problems.add(at + endpoint + " is listed twice");
                }
                if (previous != null && endpoint.compareTo(previous) < 0) {
                    matrix.problems.add(at + endpoint + " belongs before " + previous + " (rows are sorted by path, then method)");
                }
                previous = endpoint;
            }
            return matrix;
        }

        /** Cells without the outer pipes; backticks around a cell are allowed and ignored. */
        private static List<String> cells(String line) {
            String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
            return Arrays.stream(inner.split("\\|", -1)).map(String::trim).map(cell -> cell.replace("`", "")).toList();
        }
    }

    // --- shared -----------------------------------------------------------------------------------------

    /** One HTTP method on one path; ordered as the matrix is, by path, then method. */
    record Endpoint(String method, String path) implements Comparable<Endpoint> {
        private static final Comparator<Endpoint> ORDER =
                Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method);

        @Override
        public int compareTo(Endpoint other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static String cell(Collection<String> roles) {
        return String.join(", ", roles);
    }

    private static String row(Endpoint endpoint, Collection<String> roles) {
        return "| " + endpoint.method() + " | " + endpoint.path() + " | " + cell(roles) + " |";
    }

    private static String lines(Collection<?> items) {
        return items.stream().map(item -> "  " + item).collect(joining("\n"));
    }

    private static void section(StringBuilder message, String title, List<String> items) {
        if (!items.isEmpty()) {
            message.append("\n\n").append(title).append(":\n").append(lines(items));
        }
    }

    private static void assertNoProblems(String rule, List<String> problems) {
        if (!problems.isEmpty()) {
            fail(rule + " (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n" + lines(problems));
        }
    }
}
