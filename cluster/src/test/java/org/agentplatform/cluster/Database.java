package org.agentplatform.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Direct reads of the platform's PostgreSQL (as the owner role, over TLS) for checks the API does not expose. */
final class Database {

    private Database() {}

    static Connection connect() throws SQLException {
        String url = "jdbc:postgresql://localhost:" + Platform.prop("platform.pg-port") + "/platform?sslmode=verify-full&sslrootcert="
                + Platform.CA_CERT;
        return DriverManager.getConnection(url, "platform_owner", Platform.secret("db-owner-password"));
    }

    /** Every row of a query as a list of column values rendered as text. */
    static List<List<String>> rows(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static long number(String sql) {
        return Long.parseLong(rows(sql).get(0).get(0));
    }
}
