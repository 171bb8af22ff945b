// Errors before anything is sent: the client configured wrongly, an argument that fails validation.
import { DigiCertError, type FieldIssue, formatIssues } from "./base";

/** The client was configured wrongly (bad base URL, empty key, impossible retry policy...). */
export class DigiCertConfigError extends DigiCertError {
  override name = "DigiCertConfigError";
}

/** The base URL is plain http to a host that is not loopback, and that was not allowed. */
export class DigiCertInsecureUrlError extends DigiCertConfigError {
  override name = "DigiCertInsecureUrlError";

  /** The URL's origin and path: never its user-info or query. */
  constructor(readonly url: string) {
    super(
      `baseUrl ${url} uses plain http to a non-loopback host: the API key would travel in clear text. ` +
        "Use https, or set allowInsecureHttp: true if you really mean it.",
    );
  }
}

/** The base URL's host is neither DigiCert's nor loopback, and that was not allowed: the key would go there. */
export class DigiCertForeignHostError extends DigiCertConfigError {
  override name = "DigiCertForeignHostError";

  /** The URL's origin and path: never its user-info or query. */
  constructor(
    readonly url: string,
    setting = "baseUrl",
    override = "allowNonDigicertHost: true",
  ) {
    super(
      `${setting} ${url} is not a DigiCert host: the API key would be sent to ${new URL(url).host}. ` +
        `Allowed: https on *.digicert.com or *.digicert.eu, or a loopback address (127.0.0.0/8, [::1], localhost); ` +
        `for another host (a gateway of yours), set ${override} if you really mean it.`,
    );
  }
}

/** The base URL's path is not the Services API's (`/services/v2`): every route would answer 404 or a web page. */
export class DigiCertServicesPathError extends DigiCertConfigError {
  override name = "DigiCertServicesPathError";

  /** The URL's origin and path: never its user-info or query. */
  constructor(
    readonly url: string,
    setting = "baseUrl",
  ) {
    super(
      `${setting} ${url} is not CertCentral's Services API: its path must end in /services/v2 ` +
        "(https://www.digicert.com/services/v2; EU accounts: https://certcentral.digicert.eu/services/v2)",
    );
  }
}

/** An argument failed validation before anything was sent to DigiCert. */
export class DigiCertInvalidInputError extends DigiCertError {
  override name = "DigiCertInvalidInputError";
  readonly issues: FieldIssue[];

  constructor(what: string, issues: FieldIssue[]) {
    super(`invalid ${what}: ${formatIssues(issues)}`);
    this.issues = issues;
  }
}
