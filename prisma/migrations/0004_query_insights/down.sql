DROP TABLE schema_online_migration;
DROP TABLE insights_slow_query;
