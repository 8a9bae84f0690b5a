package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only TLS 1.2+ on the public port, and nothing but the public port reachable beyond loopback. */
class TlsExposureIT {

    static final String HOST = URI.create(BASE).getHost();

    @Test
    void plainHttpOnPublicPortGetsNoHttpAnswer() throws IOException {
        var received = new ByteArrayOutputStream();
        try (var s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, PUBLIC_PORT), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (int n; System.nanoTime() < deadline && (n = in.read(buf)) != -1; ) received.write(buf, 0, n);
        } catch (SocketTimeoutException | SocketException closedOrSilent) {
            // the server said nothing more or reset the connection: both are fine
        }
        String answer = received.toString(StandardCharsets.ISO_8859_1);
        assertFalse(answer.contains("HTTP/"), () -> "plain HTTP got an HTTP answer: " + abbreviate(answer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tls1", "tls1_1"})
    void legacyTlsIsRefused(String version) {
        var r = sClient("-" + version, "-cipher", "DEFAULT@SECLEVEL=0");
        assertTrue(r.negotiated() == null, () -> "-" + version + " negotiated " + r.negotiated() + ":\n" + r.output());
        assertTrue(r.exitCode() != 0 || r.output().contains("Cipher is (NONE)"), r::output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tls1_2", "tls1_3"})
    void modernTlsIsAcceptedWithPlatformCa(String version) {
        var r = sClient("-" + version, "-CAfile", CA_CERT.toString(), "-verify_return_error");
        assertEquals(0, r.exitCode(), r::output);
        assertEquals(version.equals("tls1_2") ? "TLSv1.2" : "TLSv1.3", r.negotiated(), r::output);
        assertTrue(r.output().contains("Verify return code: 0 (ok)"), r::output);
    }

    @Test
    void javaClientLimitedToTls13Works() {
        HttpClient tls13 = client(new String[] {"TLSv1.3"});
        Resp r = send(tls13, request(BASE, "/health/live").GET());
        assertHealthUp(r);
        assertEquals("TLSv1.3", r.raw().sslSession().orElseThrow().getProtocol());
    }

    @Test
    void clientNotTrustingPlatformCaIsRejected() {
        HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        var req = HttpRequest.newBuilder(URI.create(BASE + "/health/live")).timeout(TIMEOUT).build();
        assertThrows(IOException.class, () -> defaultTrust.send(req, BodyHandlers.ofString()),
                "the public certificate must chain to the local CA only");
    }

    @Test
    void onlyThePublicPortListensBeyondLoopback() {
        Map<Long, Long> parents = processParents();
        Set<Long> platform = new HashSet<>();
        for (String name : List.of("postgres", "das", "i1", "i2", "haproxy")) {
            long pid = readPid(name);
            assertTrue(parents.containsKey(pid), () -> name + " (pid " + pid + ") is not running");
            platform.addAll(withDescendants(pid, parents));
        }

        Pattern pidRe = Pattern.compile("pid=(\\d+)");
        List<String> checked = new ArrayList<>();
        List<String> exposed = new ArrayList<>();
        boolean publicSeen = false;
        for (String line : run(List.of("ss", "-H", "-ltnp")).output().split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length < 6) continue;
            Matcher m = pidRe.matcher(line);
            boolean ours = false;
            while (m.find()) ours |= platform.contains(Long.parseLong(m.group(1)));
            if (!ours) continue;
            String local = cols[3];
            int colon = local.lastIndexOf(':');
            String host = local.substring(0, colon).replace("[", "").replace("]", "").replaceAll("%.*", "");
            int port = Integer.parseInt(local.substring(colon + 1));
            checked.add(local);
            if (port == PUBLIC_PORT) {
                publicSeen = true;
            } else if (!(host.startsWith("127.") || host.equals("::1") || host.startsWith("::ffff:127."))) {
                exposed.add(line.trim());
            }
        }
        assertTrue(exposed.isEmpty(), () -> "platform sockets listening beyond loopback:\n" + String.join("\n", exposed));
        assertTrue(publicSeen, () -> "public port " + PUBLIC_PORT + " not among platform sockets " + checked);
        assertTrue(checked.size() >= 8, () -> "only " + checked.size() + " platform sockets seen: " + checked);
    }

    // ---------------------------------------------------------------- helpers

    record Run(int exitCode, String output) {
        /**
         * Protocol negotiated by s_client, or null when no cipher was agreed. The SSL-Session block is
         * authoritative; with TLS 1.3 and no session ticket s_client may only print the "New, ..." line.
         */
        String negotiated() {
            Matcher session = Pattern.compile("Protocol\\s*:\\s*(\\S+)\\s+Cipher\\s*:\\s*(\\S+)").matcher(output);
            if (session.find()) return session.group(2).matches("0+|\\(NONE\\)") ? null : session.group(1);
            Matcher summary = Pattern.compile("New, (\\S+), Cipher is (\\S+)").matcher(output);
            if (summary.find()) return summary.group(2).equals("(NONE)") ? null : summary.group(1);
            return null;
        }
    }

    static Run sClient(String... args) {
        var cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", HOST + ":" + PUBLIC_PORT));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    static Run run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            var out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // process killed
                }
            });
            reader.start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(cmd + " did not finish in 20 s: " + out);
            }
            reader.join(5000);
            return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long readPid(String name) {
        Path f = VAR.resolve("run").resolve(name + ".pid");
        try {
            return Long.parseLong(Files.readString(f).trim());
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("cannot read pid file " + f, e);
        }
    }

    /** pid -> ppid of every process, from /proc/[pid]/stat (the comm field may hold spaces and parens). */
    static Map<Long, Long> processParents() {
        Map<Long, Long> parents = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(d -> d.getFileName().toString().matches("\\d+")).forEach(d -> {
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    parents.put(Long.parseLong(d.getFileName().toString()), Long.parseLong(rest[1]));
                } catch (IOException | RuntimeException vanished) {
                    // process ended while listing
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parents;
    }

    static Set<Long> withDescendants(long root, Map<Long, Long> parents) {
        Set<Long> tree = new HashSet<>(Set.of(root));
        var todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            parents.forEach((child, parent) -> {
                if (parent == pid && tree.add(child)) todo.push(child);
            });
        }
        return tree;
    }
}
