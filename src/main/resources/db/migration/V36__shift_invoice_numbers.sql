-- Invoice numbers: one gap-free sequence per issuer (a worker, or the platform), each document numbered once.
CREATE TABLE invoice_number (
    issuer    VARCHAR(40)  NOT NULL,
    seq       INT          NOT NULL,
    document  VARCHAR(100) NOT NULL,
    issued_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (issuer, seq),
    CONSTRAINT invoice_number_document UNIQUE (document)
);
