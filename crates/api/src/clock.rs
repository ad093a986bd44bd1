//! The clocks the server can run on: the system's, or (tests only) one that reads the instant to
//! show from a file, so an end-to-end test moves time instead of sleeping.
use chrono::{DateTime, Utc};
use domain::Clock;

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Shows the instant written in a file (RFC 3339); the system time while the file is missing or
/// unreadable. Reading a few bytes per look is fine for a test server, never used in production.
pub struct FileClock(pub std::path::PathBuf);

impl Clock for FileClock {
    fn now(&self) -> DateTime<Utc> {
        std::fs::read_to_string(&self.0)
            .ok()
            .and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok())
            .map_or_else(Utc::now, |t| t.with_timezone(&Utc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_clock_shows_the_instant_in_its_file() {
        let path = std::env::temp_dir().join(format!("tessera-clock-{}", uuid::Uuid::new_v4()));
        let clock = FileClock(path.clone());
        let before = Utc::now();
        assert!(clock.now() >= before, "no file: the system time");
        std::fs::write(&path, "2030-01-02T09:00:00+03:00").expect("write");
        assert_eq!(clock.now().to_rfc3339(), "2030-01-02T06:00:00+00:00");
        let _ = std::fs::remove_file(path);
    }
}
