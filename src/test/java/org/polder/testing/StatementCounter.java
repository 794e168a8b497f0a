package org.polder.testing;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what the requests served by this node say to the database, as the database sees it: every
 * statement, the BEGIN of each transaction (sent with its first statement) and its COMMIT or ROLLBACK,
 * and every connection taken from the pool. Only request threads are counted, so that nothing a test
 * does directly, or a job, is mixed in.
 */
public class StatementCounter implements BeanPostProcessor {

    /** What was counted since the last {@link #reset()}. */
    public record Counts(int statements, int begins, int commits, int rollbacks, int checkouts, List<String> sql) {

        /** Every statement the database receives, BEGIN and COMMIT included. */
        public int total() {
            return statements + begins + commits + rollbacks;
        }

        @Override
        public String toString() {
            return total() + " statements (" + statements + " + " + begins + " BEGIN + " + (commits + rollbacks)
                    + " COMMIT/ROLLBACK), " + checkouts + " checkouts:\n  " + String.join("\n  ", sql);
        }
    }

    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicInteger begins = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger rollbacks = new AtomicInteger();
    private final AtomicInteger checkouts = new AtomicInteger();
    private final List<String> sql = new ArrayList<>();
    /** Connections in a transaction that has not sent its first statement (and so its BEGIN) yet. */
    private final ThreadLocal<Boolean> beginPending = ThreadLocal.withInitial(() -> false);

    public synchronized void reset() {
        statements.set(0);
        begins.set(0);
        commits.set(0);
        rollbacks.set(0);
        checkouts.set(0);
        sql.clear();
    }

    public synchronized Counts counts() {
        return new Counts(statements.get(), begins.get(), commits.get(), rollbacks.get(), checkouts.get(), List.copyOf(sql));
    }

    private static boolean counted() {
        String name = Thread.currentThread().getName();
        return name.startsWith("http-nio") || name.startsWith("tomcat-handler");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource) || bean.getClass().getName().contains("ttddyy")) {
            return bean;
        }
        return ProxyDataSourceBuilder.create(dataSource).name(beanName)
                .listener(new QueryExecutionListener() {
                    @Override
                    public void beforeQuery(ExecutionInfo info, List<QueryInfo> queries) {
                    }

                    @Override
                    public void afterQuery(ExecutionInfo info, List<QueryInfo> queries) {
                        if (!counted()) {
                            return;
                        }
                        synchronized (StatementCounter.this) {
                            if (beginPending.get()) {
                                beginPending.set(false);
                                begins.incrementAndGet();
                            }
                            for (QueryInfo q : queries) {
                                statements.addAndGet(Math.max(1, q.getParametersList().size()));
                                sql.add(q.getQuery().replaceAll("\\s+", " "));
                            }
                        }
                    }
                })
                .methodListener(new MethodExecutionListener() {
                    @Override
                    public void beforeMethod(MethodExecutionContext context) {
                    }

                    @Override
                    public void afterMethod(MethodExecutionContext context) {
                        if (!counted() || context.getThrown() != null) {
                            return;
                        }
                        String method = context.getMethod().getName();
                        if (context.getTarget() instanceof DataSource && method.equals("getConnection")) {
                            checkouts.incrementAndGet();
                        } else if (context.getTarget() instanceof Connection) {
                            switch (method) {
                                case "setAutoCommit" -> beginPending.set(!(Boolean) context.getMethodArgs()[0]);
                                case "commit" -> {
                                    if (!beginPending.get()) {
                                        commits.incrementAndGet();
                                    }
                                }
                                case "rollback" -> {
                                    if (!beginPending.get()) {
                                        rollbacks.incrementAndGet();
                                    }
                                }
                                default -> {
                                }
                            }
                        }
                    }
                })
                .build();
    }
}
