DROP TABLE fir;
DROP TYPE fir_status;
