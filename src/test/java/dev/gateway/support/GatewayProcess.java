package dev.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) run as a separate process, for tests that
 * configure it the way an operator would: with environment variables and JVM options.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path log;
    private final int port;

    private GatewayProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the gateway on a free port and waits until it listens, or fails with its output if it exits. */
    public static GatewayProcess start(List<String> jvmOptions, Map<String, String> environment) {
        GatewayProcess gateway = launch(jvmOptions, environment);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (gateway.output().contains("Listening on")) {
                return gateway;
            }
            if (!gateway.process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + gateway.process.exitValue() + ":\n"
                        + gateway.output());
            }
            pause();
        }
        gateway.close();
        throw new IllegalStateException("gateway did not start within 60 s:\n" + gateway.output());
    }

    /** Runs the gateway until it exits, for configurations that must stop start-up; returns the exit code. */
    public static GatewayProcess runToExit(List<String> jvmOptions, Map<String, String> environment,
            Duration timeout) {
        GatewayProcess gateway = launch(jvmOptions, environment);
        try {
            if (!gateway.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                gateway.close();
                throw new IllegalStateException("gateway still running after " + timeout + ":\n" + gateway.output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return gateway;
    }

    private static GatewayProcess launch(List<String> jvmOptions, Map<String, String> environment) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing; run ./mvnw package first");
        }
        int port = ClosedPort.find();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-jar");
        command.add(JAR.toString());
        try {
            Path log = Files.createTempFile(Path.of("target"), "gateway-process-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new GatewayProcess(builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int exitCode() {
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIGTERM, as a container platform does, without waiting for the process to exit. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to exit and returns whether it did within {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
