package dev.amlaks.emulator.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.api.Trigger;

/**
 * Hands every row a store table's statements change to the capture of the transaction open on
 * this thread (created for each table by the V5 migration): the write-ahead log's lines, and the
 * keys the read cache drops after the commit. Outside one (a migration, the log's own replay) it
 * does nothing.
 */
public final class WalTrigger implements Trigger {

    private String table;
    private String[] columns;
    private int[] keyColumns;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
            throws SQLException {
        DatabaseMetaData meta = conn.getMetaData();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(null, schemaName, tableName, null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME")); // in ordinal order, as the metadata lists them
            }
        }
        List<Integer> keys = new ArrayList<>();
        try (ResultSet rs = meta.getPrimaryKeys(null, schemaName, tableName)) {
            while (rs.next()) {
                keys.add(names.indexOf(rs.getString("COLUMN_NAME")));
            }
        }
        if (keys.isEmpty() || keys.contains(-1)) {
            throw new SQLException("the write-ahead log cannot read the columns and key of " + tableName);
        }
        this.table = tableName.toLowerCase(java.util.Locale.ROOT);
        this.columns = names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
        this.keyColumns = keys.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        WriteAheadLog.Capture c = WriteAheadLog.current();
        if (c == null) {
            return;
        }
        c.touched(table, (oldRow != null ? oldRow : newRow)[keyColumns[0]]);
        if (oldRow != null && newRow != null && !sameKey(oldRow, newRow)) {
            c.touched(table, newRow[keyColumns[0]]);
        }
        if (oldRow != null && (newRow == null || !sameKey(oldRow, newRow))) {
            c.delete(table, columns, oldRow, keyColumns);
        }
        if (newRow != null) {
            c.put(table, columns, newRow);
        }
    }

    private boolean sameKey(Object[] a, Object[] b) {
        for (int k : keyColumns) {
            if (!java.util.Objects.equals(a[k], b[k])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "WalTrigger" + Arrays.toString(columns);
    }
}
