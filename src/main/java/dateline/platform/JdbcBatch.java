package dateline.platform;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.jdbi.v3.core.Handle;

/**
 * One SQL statement run for many rows with a plain JDBC batch, in the caller's transaction: for bulk
 * writes (an import of an archive) where Jdbi's binding by name, value by value, costs more than the
 * database's own work. Parameters are positional; a null is sent untyped, so the database takes the
 * column's type. Use with try-with-resources and call {@link #execute} at the end.
 */
public final class JdbcBatch implements AutoCloseable {
    private final PreparedStatement statement;
    private final String sql;
    private int size;

    public JdbcBatch(Handle handle, String sql) {
        this.sql = sql;
        try {
            this.statement = handle.getConnection().prepareStatement(sql);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Adds one row: the statement's parameters, in order. */
    public JdbcBatch add(Object... values) {
        try {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    statement.setNull(i + 1, Types.NULL);
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            statement.addBatch();
            size++;
            return this;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public int size() {
        return size;
    }

    /** Runs the rows added so far (nothing when there are none). */
    public void execute() {
        if (size == 0) {
            return;
        }
        try {
            statement.executeBatch();
            size = 0;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Closes the statement; rows added and not executed are dropped. */
    @Override
    public void close() {
        try {
            statement.close();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private IllegalStateException failed(SQLException e) {
        return new IllegalStateException("the database refused a batch of \"" + sql.replaceFirst("(?s)\\s*\\(.*", "") + "\": " + e.getMessage(), e);
    }
}
