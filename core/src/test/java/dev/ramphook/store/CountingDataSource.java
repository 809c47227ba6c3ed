package dev.ramphook.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts what the store does with it, for deterministic evidence of round trips: the
 * connections borrowed, the statements executed, and the transactions (explicit commits, plus statements run in
 * auto-commit, each its own transaction). Optionally a gate: {@link #getConnection()} waits until it is opened, so a
 * test can hold the store's writers while more work queues up behind them.
 */
final class CountingDataSource implements InvocationHandler {

    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger waitingAtGate = new AtomicInteger();
    /** The threads waiting at the gate now. */
    final java.util.Set<Thread> atGate = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final AtomicInteger statements = new AtomicInteger();
    final AtomicInteger transactions = new AtomicInteger();
    private final DataSource target;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private CountingDataSource(DataSource target) {
        this.target = target;
    }

    static CountingDataSource of(DataSource target) {
        return new CountingDataSource(target);
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, this);
    }

    /** From now on every borrower waits at the gate until {@link #open()}. */
    void close() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    /** Zeroes the counters (after creating the store, whose migration is not what a test counts). */
    void reset() {
        connections.set(0);
        statements.set(0);
        transactions.set(0);
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
        if (method.getName().equals("getConnection")) {
            waitingAtGate.incrementAndGet();
            atGate.add(Thread.currentThread());
            try {
                gate.await();
            } finally {
                atGate.remove(Thread.currentThread());
                waitingAtGate.decrementAndGet();
            }
            connections.incrementAndGet();
            Connection c = (Connection) call(target, method, args);
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (p, m, a) -> connection(c, m, a));
        }
        return call(target, method, args);
    }

    private Object connection(Connection c, java.lang.reflect.Method m, Object[] a) throws Throwable {
        if (m.getName().equals("commit")) {
            transactions.incrementAndGet();
        }
        Object result = call(c, m, a);
        if (result instanceof Statement s) {
            Class<?> type = m.getReturnType();
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, sm, sa) -> {
                if (sm.getName().startsWith("execute")) {
                    statements.incrementAndGet();
                    if (c.getAutoCommit()) {
                        transactions.incrementAndGet();
                    }
                }
                return call(s, sm, sa);
            });
        }
        return result;
    }

    private static Object call(Object target, java.lang.reflect.Method m, Object[] a) throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
