package org.polder.testing;

import org.polder.PolderApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import java.time.Clock;

/**
 * A second application node on the tests' database, sharing the first node's clock, so that both see the same
 * time when a test moves it. Close it at the end of the test.
 */
public final class SecondNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SecondNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a node on the same database as the tests' own context ({@code environment}), with {@code clock}. */
    public static SecondNode start(Environment environment, MutableClock clock, String... arguments) {
        SharedClock.clock = clock;
        String[] args = new String[4 + arguments.length];
        args[0] = "--server.port=0";
        // Command-line arguments outrank the test profile's own database settings.
        args[1] = "--spring.datasource.url=" + environment.getProperty("spring.datasource.url");
        args[2] = "--spring.datasource.username=" + environment.getProperty("spring.datasource.username");
        args[3] = "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", "");
        System.arraycopy(arguments, 0, args, 4, arguments.length);
        return new SecondNode(new SpringApplicationBuilder(PolderApplication.class, SharedClock.class).profiles("test").run(args));
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    /** Not annotated: a source of the second node only, never picked up by the tests' own context. */
    static class SharedClock {
        static MutableClock clock;

        @Bean
        @Primary
        Clock sharedClock() {
            return clock;
        }
    }
}
