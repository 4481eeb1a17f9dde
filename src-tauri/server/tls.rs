//! The office's TLS identity: a self-signed certificate made on the first start and kept
//! beside the database, so its fingerprint (which every paired kiosk pins, and every pairing
//! code carries a prefix of) stays the same across restarts. No certificate authority is
//! involved: trust comes from the pairing code staff read out (decision 0015).
use super::ServerError;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The certificate (PEM), beside the database.
pub const CERTIFICATE_FILE: &str = "gasdesk-office.crt";
/// Its private key (PEM, PKCS#8), beside the database, readable by the owner only.
pub const KEY_FILE: &str = "gasdesk-office.key";

/// The SHA-256 of a certificate's DER: what a kiosk pins.
pub fn fingerprint_of(certificate_der: &[u8]) -> [u8; 32] {
    Sha256::digest(certificate_der).into()
}

pub struct OfficeCertificate {
    certificate: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
    fingerprint: [u8; 32],
}

impl std::fmt::Debug for OfficeCertificate {
    /// Never prints the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OfficeCertificate").field("fingerprint", &self.fingerprint_hex()).finish_non_exhaustive()
    }
}

fn folder_of(db_path: &Path) -> &Path {
    match db_path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

fn certificate_error(path: &Path, detail: impl std::fmt::Display) -> ServerError {
    ServerError::Certificate { path: path.to_path_buf(), detail: detail.to_string() }
}

impl OfficeCertificate {
    /// The certificate beside the database at `db_path`: read when it is there, made (and
    /// written) on the first start.
    pub fn load_or_create(db_path: &Path) -> Result<OfficeCertificate, ServerError> {
        let folder = folder_of(db_path);
        let certificate_path = folder.join(CERTIFICATE_FILE);
        let key_path = folder.join(KEY_FILE);
        match (certificate_path.exists(), key_path.exists()) {
            (true, true) => OfficeCertificate::load(&certificate_path, &key_path),
            // Written key first, certificate last: a start that stopped in between never
            // served (or paired) with that key, so making both again loses nothing.
            (false, _) => OfficeCertificate::create(&certificate_path, &key_path),
            (true, false) => Err(certificate_error(
                &key_path,
                format!(
                    "the key is missing. Put it back, or delete {} to make a new certificate (every kiosk must then be paired again)",
                    certificate_path.display()
                ),
            )),
        }
    }

    fn load(certificate_path: &Path, key_path: &Path) -> Result<OfficeCertificate, ServerError> {
        let certificate = CertificateDer::from_pem_file(certificate_path).map_err(|e| certificate_error(certificate_path, e))?;
        let key = PrivateKeyDer::from_pem_file(key_path).map_err(|e| certificate_error(key_path, e))?;
        let made = OfficeCertificate::from_parts(certificate, key);
        // A key that is not the certificate's would fail every handshake: say so at start.
        made.server_config().map_err(|e| certificate_error(key_path, e))?;
        Ok(made)
    }

    fn create(certificate_path: &Path, key_path: &Path) -> Result<OfficeCertificate, ServerError> {
        let (certificate_pem, key_pem) = new_self_signed().map_err(|e| certificate_error(certificate_path, e))?;
        write_atomically(key_path, key_pem.as_bytes()).map_err(|e| certificate_error(key_path, e))?;
        write_atomically(certificate_path, certificate_pem.as_bytes()).map_err(|e| certificate_error(certificate_path, e))?;
        OfficeCertificate::load(certificate_path, key_path)
    }

    fn from_parts(certificate: CertificateDer<'static>, key: PrivateKeyDer<'static>) -> OfficeCertificate {
        let fingerprint = fingerprint_of(certificate.as_ref());
        OfficeCertificate { certificate, key, fingerprint }
    }

    /// The SHA-256 of the certificate's DER.
    pub fn fingerprint(&self) -> [u8; 32] {
        self.fingerprint
    }

    /// The fingerprint in lower-case hex, for people and logs.
    pub fn fingerprint_hex(&self) -> String {
        data_encoding::HEXLOWER.encode(&self.fingerprint)
    }

    /// The certificate's DER (what a kiosk compares with its pin).
    pub fn certificate_der(&self) -> &[u8] {
        self.certificate.as_ref()
    }

    /// The server's TLS configuration: the ring provider named explicitly (never the process
    /// default, which another crate could have set to aws-lc), this certificate only, HTTP/1.1.
    pub fn server_config(&self) -> Result<rustls::ServerConfig, ServerError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| ServerError::Tls(e.to_string()))?
            .with_no_client_auth()
            .with_single_cert(vec![self.certificate.clone()], self.key.clone_key())
            .map_err(|e| ServerError::Tls(e.to_string()))?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(config)
    }
}

/// A new self-signed certificate and its key, both PEM. The names are not what a kiosk checks
/// (it pins the fingerprint), but a browser or curl pointed at the office shows them.
fn new_self_signed() -> Result<(String, String), rcgen::Error> {
    let key = rcgen::KeyPair::generate()?;
    let mut params = rcgen::CertificateParams::new(vec!["gasdesk-office".to_owned(), "localhost".to_owned()])?;
    params.distinguished_name.push(rcgen::DnType::CommonName, "GasDesk office");
    let certificate = params.self_signed(&key)?;
    Ok((certificate.pem(), key.serialize_pem()))
}

/// Writes `bytes` to `path` through a `.partial` file renamed over it, so a crash never
/// leaves half a key. On Unix the file is owner-only (0600) from its creation; on Windows it
/// inherits the ACL of the data folder, which is the user's own.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let partial = PathBuf::from(format!("{}.partial", path.display()));
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&partial)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&partial, path)?;
    // The rename itself is durable once the folder is synced (Unix; Windows has no such call).
    #[cfg(unix)]
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::File::open(folder)?.sync_all()?;
    }
    Ok(())
}
