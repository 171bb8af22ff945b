// DigiCert's documented examples, copied from the reference pages in
// /work/shared/digicert-api-docs (the .txt files). Contract tests compare the
// client's wire traffic and parsing against these, not against our own code.

export const ORDER_EXAMPLE_BODY = {
  certificate: {
    common_name: "Lock Cole",
    emails: ["locke.cole@example.com"],
    signature_hash: "sha256",
    organization_units: ["Accounting"],
    csr: "<csr>",
  },
  skip_approval: true,
  organization: { id: 112233 },
  container: { id: 445566 },
  validity_years: 1,
  payment_method: "balance",
};

export const ORDER_RESPONSE_PENDING = { id: 112233, requests: [{ id: 113, status: "pending" }] };
export const ORDER_RESPONSE_SUBMITTED = { id: 112233, requests: [{ id: 113, status: "submitted" }] };
export const ORDER_RESPONSE_APPROVED = { id: 112233, requests: [{ id: 113, status: "approved" }], certificate_id: 113 };

export const REISSUE_EXAMPLE_BODY = {
  certificate: {
    common_name: "example.com",
    dns_names: ["sub.example.com"],
    csr: "<csr>",
    server_platform: { id: 2 },
    signature_hash: "sha256",
  },
};
export const REISSUE_RESPONSE = { id: 112233, requests: [{ id: 332211 }] };
export const REISSUE_RESPONSE_SKIP_APPROVAL = { id: 112233, certificate_id: 111112 };

export const CT_STATUS_EXAMPLE_BODY = { disable_ct: true };

export const REVOKE_EXAMPLE_BODY = { comments: "I no longer need this cert." };
export const REVOKE_RESPONSE = {
  id: 1,
  date: "2016-02-10T17:06:15+00:00",
  type: "revoke",
  status: "pending",
  requester: { id: 14, first_name: "John", last_name: "Smith", email: "john.smith@digicert.com" },
  comments: "I no longer need this cert.",
};

const NGINX = {
  id: 45,
  name: "nginx",
  install_url: "http://www.digicert.com/ssl-certificate-installation-nginx.htm",
  csr_url: "http://www.digicert.com/csr-creation-nginx.htm",
};

export const DUPLICATES_RESPONSE = {
  certificates: [
    {
      id: 12345,
      thumbprint: "<thumbprint>",
      serial_number: "<serial_number>",
      common_name: "example.com",
      dns_names: ["sub.example.com"],
      status: "approved",
      date_created: "2016-03-25T21:01:40+00:00",
      valid_from: "2016-03-23",
      valid_till: "2019-03-28",
      days_remaining: 111,
      csr: "<csr>",
      server_platform: NGINX,
      signature_hash: "sha256",
      key_size: 2048,
      ca_cert_id: "1005",
      sub_id: "111",
      public_id: "<public_id>",
      archived: "0",
      user_id: 2,
      firstname: "Jan",
      lastname: "Sport",
    },
    {
      id: 23456,
      common_name: "anewdomain.com",
      dns_names: ["sub.anewdomain.com"],
      status: "rejected",
      date_created: "2018-11-14T19:57:09+00:00",
      csr: "<csr>",
      server_platform: NGINX,
      signature_hash: "sha256",
      key_size: 2048,
      ca_cert_id: "1005",
      sub_id: "112",
      public_id: "<public_id>",
      archived: "0",
      user_id: 5,
      firstname: "John",
      lastname: "Someone",
    },
    {
      id: 34567,
      common_name: "example.net",
      dns_names: ["sub.example.net"],
      status: "pending",
      date_created: "2018-11-15T22:41:43+00:00",
      csr: "<csr>",
      server_platform: NGINX,
      signature_hash: "sha256",
      key_size: 2048,
      ca_cert_id: "1005",
      sub_id: "113",
      public_id: "<public_id>",
      archived: "0",
      user_id: 12,
      firstname: "Jill",
      lastname: "Valentine",
    },
  ],
};

// Order info: no reference page among the five; fields from BEYOND-THE-FIVE-PAGES.md.
export const ORDER_INFO_RESPONSE = {
  id: 112233,
  certificate: {
    id: 113,
    thumbprint: "7D236B54D19D5EACF0881FAF24D51DFE5D23E945",
    serial_number: "0669D46CAE79EF684A69777490602485",
    common_name: "Lock Cole",
    emails: ["locke.cole@example.com"],
    dns_names: [],
    organization_units: ["Accounting"],
    date_created: "2018-10-16T17:29:56+00:00",
    date_issued: "2018-10-16T17:31:02+00:00",
    valid_from: "2018-10-16",
    valid_till: "2019-10-21",
    days_remaining: 200,
    csr: "<csr>",
    server_platform: { id: -1, name: "OTHER", install_url: "", csr_url: "" },
    signature_hash: "sha256",
    key_size: 2048,
    ca_cert: { id: "f7slk4shv9s2wr3", name: "DigiCert SHA2 Assured ID CA" },
    cert_validity: { years: 1 },
  },
  status: "issued",
  is_renewal: false,
  is_renewed: false,
  renewed_order_id: 0,
  date_created: "2018-10-16T17:29:56+00:00",
  organization: { id: 112233, name: "Epigyne Unwieldiness llc", city: "Minneapolis" },
  container: { id: 445566, name: "College of Science" },
  product: { name_id: "client_premium_sha2", name: "Premium", type: "client_certificate", validation_type: "ov" },
  requests: [{ id: 113, date: "2018-10-16T17:29:56+00:00", type: "new_request", status: "approved", comments: "" }],
  payment_method: "balance",
  disable_ct: false,
  allow_duplicates: true,
  public_id: "<public_id>",
  receipt_id: 9876,
  user: { id: 14, first_name: "John", last_name: "Smith" },
  certificate_chain: [{ subject_common_name: "Lock Cole", pem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----" }],
};

// An order-list page in the shape of CertCentral's list endpoints (items summarize an order).
export const LIST_ORDERS_RESPONSE = {
  orders: [
    {
      id: 112233,
      certificate: {
        id: 113,
        common_name: "Lock Cole",
        dns_names: [],
        emails: ["locke.cole@example.com"],
        valid_till: "2027-04-30",
        days_remaining: 289,
        signature_hash: "sha256",
      },
      status: "issued",
      is_renewed: false,
      date_created: "2026-04-30T18:02:50+00:00",
      organization: { id: 112233, name: "Epigyne Unwebbed, Inc." },
      validity_years: 1,
      disable_renewal_notifications: false,
      container: { id: 14, name: "DigiCert Inc." },
      product: { name_id: "client_premium_sha2", name: "Premium", type: "client_certificate" },
      has_duplicates: false,
      product_name_id: "client_premium_sha2",
    },
  ],
  page: { total: 1, limit: 1000, offset: 0 },
};
