//! The one storage interface for files (scans, design mock-ups, rendered documents). A local
//! folder today; an S3-compatible store is another variant with the same three calls.
use std::path::{Component, Path, PathBuf};

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
    async fn keys_cannot_leave_the_folder() {
        let store = FileStore::Local(std::env::temp_dir().join("tessera-files-escape"));
        assert!(store.put("../../etc/passwd", b"x").await.is_err());
        assert!(store.get("/etc/passwd").await.is_err());
    }
}
