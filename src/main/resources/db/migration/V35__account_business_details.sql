-- What invoices name: an organisation's and a self-employed worker's address, Chamber of Commerce (KvK) and VAT numbers.
ALTER TABLE organisation ADD COLUMN address VARCHAR(500);
ALTER TABLE organisation ADD COLUMN kvk_number VARCHAR(8);
ALTER TABLE organisation ADD COLUMN vat_number VARCHAR(20);
ALTER TABLE account ADD COLUMN business_address VARCHAR(500);
ALTER TABLE account ADD COLUMN kvk_number VARCHAR(8);
ALTER TABLE account ADD COLUMN vat_number VARCHAR(20);
