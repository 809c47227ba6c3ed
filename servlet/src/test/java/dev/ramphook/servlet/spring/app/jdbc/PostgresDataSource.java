package dev.ramphook.servlet.spring.app.jdbc;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's DataSource, on the test's embedded PostgreSQL (its URL given as {@code it.jdbc.url}). */
@Configuration(proxyBeanMethods = false)
public class PostgresDataSource {

    @Bean
    DataSource dataSource(@Value("${it.jdbc.url}") String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        return dataSource;
    }
}
