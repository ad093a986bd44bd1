//! The one storage interface for files (scans, design mock-ups, rendered documents). A local
//! folder today; an S3-compatible store is another variant with the same calls. An upload is
//! streamed to a staged file first — never held whole in memory — and stops at the limit.
use futures_util::{Stream, StreamExt};
use sha2::Digest;
use std::path::{Component, Path, PathBuf};
use tokio::io::AsyncWriteExt;

/// Largest file accepted, bytes.
pub const MAX_FILE_BYTES: usize = 25 * 1024 * 1024;

#[derive(Debug, Clone)]
pub enum FileStore {
    /// Files under a folder, by key (`2026/11/<uuid>`).
    Local(PathBuf),
}

impl FileStore {
    /// A new key for a file stored now.
    pub fn new_key(id: uuid::Uuid, now: chrono::DateTime<chrono::Utc>) -> String {
        format!("{}/{id}", now.format("%Y/%m"))
    }

    fn path(root: &Path, key: &str) -> std::io::Result<PathBuf> {
        let rel = Path::new(key);
        // Keys are ours, but never let one leave the folder.
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "bad file key"));
        }
        Ok(root.join(rel))
    }

    pub async fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            FileStore::Local(root) => {
                let path = Self::path(root, key)?;
                if let Some(dir) = path.parent() {
                    tokio::fs::create_dir_all(dir).await?;
                }
                // Write then rename, so a crash never leaves half a file under the real key.
                let tmp = path.with_extension("part");
                tokio::fs::write(&tmp, bytes).await?;
                tokio::fs::rename(&tmp, &path).await
            }
        }
    }

    /// Streams an upload into a staged file, hashing it on the way; more than `limit` bytes stops
    /// it (the staged part is removed) with [`Staging::TooLarge`].
    pub async fn stage<S, E>(&self, mut body: S, limit: usize) -> Result<Staged, Staging>
    where
        S: Stream<Item = Result<actix_web::web::Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let FileStore::Local(root) = self;
        let dir = root.join("staging");
        tokio::fs::create_dir_all(&dir).await.map_err(Staging::Io)?;
        let path = dir.join(format!("{}.part", uuid::Uuid::new_v4()));
        let mut file = tokio::fs::File::create(&path).await.map_err(Staging::Io)?;
        let (mut size, mut hash) = (0usize, sha2::Sha256::new());
        let outcome = async {
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(|e| Staging::Broken(e.to_string()))?;
                size += chunk.len();
                if size > limit {
                    return Err(Staging::TooLarge(limit));
                }
                hash.update(&chunk);
                file.write_all(&chunk).await.map_err(Staging::Io)?;
            }
            file.flush().await.map_err(Staging::Io)
        }
        .await;
        match outcome {
            Ok(()) => Ok(Staged { path, size, sha256: hash.finalize().iter().map(|b| format!("{b:02x}")).collect() }),
            Err(e) => {
                let _ = tokio::fs::remove_file(&path).await;
                Err(e)
            }
        }
    }

    /// Keeps a staged file under `key`.
    pub async fn keep(&self, key: &str, staged: &Staged) -> std::io::Result<()> {
        match self {
            FileStore::Local(root) => {
                let path = Self::path(root, key)?;
                if let Some(dir) = path.parent() {
                    tokio::fs::create_dir_all(dir).await?;
                }
                tokio::fs::rename(&staged.path, &path).await
            }
        }
    }

    pub async fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        match self {
            FileStore::Local(root) => tokio::fs::read(Self::path(root, key)?).await,
        }
    }

    pub async fn delete(&self, key: &str) -> std::io::Result<()> {
        match self {
            FileStore::Local(root) => tokio::fs::remove_file(Self::path(root, key)?).await,
        }
    }
}

/// An upload on disk, not yet kept under a key.
#[derive(Debug)]
pub struct Staged {
    pub path: PathBuf,
    pub size: usize,
    pub sha256: String,
}

/// A staged upload that is not kept (the request failed, or was refused) is removed with it.
impl Drop for Staged {
    fn drop(&mut self) {
        // After `keep` the staged path is gone already; removing it again is harmless.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Why an upload could not be staged.
#[derive(Debug, thiserror::Error)]
pub enum Staging {
    #[error("more than {0} bytes")]
    TooLarge(usize),
    #[error("the upload broke off: {0}")]
    Broken(String),
    #[error(transparent)]
    Io(std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_is_stored_read_back_and_deleted() {
        let dir = std::env::temp_dir().join(format!("tessera-files-{}", uuid::Uuid::new_v4()));
        let store = FileStore::Local(dir.clone());
        let key = FileStore::new_key(uuid::Uuid::new_v4(), chrono::Utc::now());
        store.put(&key, b"mock-up").await.expect("put");
        assert_eq!(store.get(&key).await.expect("get"), b"mock-up");
        store.delete(&key).await.expect("delete");
        assert!(store.get(&key).await.is_err());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn an_upload_is_staged_hashed_and_kept_or_stopped_at_the_limit() {
        let dir = std::env::temp_dir().join(format!("tessera-files-{}", uuid::Uuid::new_v4()));
        let store = FileStore::Local(dir.clone());
        let chunks = || futures_util::stream::iter(["mock".as_bytes(), "-up".as_bytes()].map(|c| Ok::<_, std::io::Error>(actix_web::web::Bytes::from_static(c))));
        let staged = store.stage(chunks(), 100).await.expect("staged");
        assert_eq!((staged.size, staged.sha256.clone()), (7, crate::auth::sha256_hex("mock-up")));
        let key = FileStore::new_key(uuid::Uuid::new_v4(), chrono::Utc::now());
        store.keep(&key, &staged).await.expect("kept");
        assert_eq!(store.get(&key).await.expect("get"), b"mock-up");
        assert!(matches!(store.stage(chunks(), 5).await, Err(Staging::TooLarge(5))));
        let staging = std::fs::read_dir(dir.join("staging")).expect("staging").count();
        assert_eq!(staging, 0, "nothing is left behind");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn keys_cannot_leave_the_folder() {
        let store = FileStore::Local(std::env::temp_dir().join("tessera-files-escape"));
        assert!(store.put("../../etc/passwd", b"x").await.is_err());
        assert!(store.get("/etc/passwd").await.is_err());
    }
}
