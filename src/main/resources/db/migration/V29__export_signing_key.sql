-- The platform's own key pairs, made on first start and shared by every node: 'export' signs the
-- head of the hash chain in each worker's export (Ed25519; public and private key in base64 DER).
CREATE TABLE platform_key (
    name         VARCHAR(50) PRIMARY KEY,
    algorithm    VARCHAR(20) NOT NULL,
    public_key   TEXT NOT NULL,
    private_key  TEXT NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
