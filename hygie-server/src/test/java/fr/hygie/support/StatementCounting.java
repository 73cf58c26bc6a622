package fr.hygie.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The real pool, counting the statements prepared or created on the connections it hands out (issue 13's round-trip
 * counts: a wrapper around the real database, no mock).
 */
public final class StatementCounting {

    private StatementCounting() {
    }

    public static DataSource counting(DataSource real, AtomicInteger statements) {
        return (DataSource) Proxy.newProxyInstance(StatementCounting.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    return result instanceof Connection c ? countingConnection(c, statements) : result;
                });
    }

    private static Connection countingConnection(Connection real, AtomicInteger statements) {
        return (Connection) Proxy.newProxyInstance(StatementCounting.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("prepareStatement") || name.equals("createStatement") || name.equals("prepareCall")) {
                        statements.incrementAndGet();
                    }
                    return invoke(real, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
