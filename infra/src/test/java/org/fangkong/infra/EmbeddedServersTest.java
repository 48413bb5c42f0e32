package org.fangkong.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class EmbeddedServersTest {

    @Test
    void postgresCreatesADatabaseItsOwnerCanUse() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, null)) {
            postgres.createDatabase("units");
            postgres.createDatabase("units"); // idempotent: a restarted launcher reuses its data
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("units"), "units", "units");
                    Statement statement = connection.createStatement()) {
                statement.execute("create table probe (id int primary key)");
                statement.execute("insert into probe values (7)");
                ResultSet rows = statement.executeQuery("select current_database(), current_user, (select id from probe), version()");
                assertTrue(rows.next());
                assertEquals("units", rows.getString(1));
                assertEquals("units", rows.getString(2));
                assertEquals(7, rows.getInt(3));
                assertTrue(rows.getString(4).startsWith("PostgreSQL 17"), rows.getString(4));
            }
        }
    }

    @Test
    void redisAnswersAndRunsWithAppendOnlyPersistence() throws Exception {
        try (EmbeddedRedisServer redis = EmbeddedRedisServer.start(0, null);
                Socket socket = new Socket("127.0.0.1", redis.port())) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write("*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$10\r\nappendonly\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertEquals("*2", in.readLine());
            in.readLine();
            assertEquals("appendonly", in.readLine());
            in.readLine();
            assertEquals("yes", in.readLine());
        }
    }
}
