//! Attribute paths of conditions: `user.x`, `record.x`, `org.x`, `team.x`.

/// Where an attribute path reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    User,
    Record,
    Org,
    Team,
}

/// A parsed attribute path such as `record.staff`.
#[derive(Debug, Clone, PartialEq)]
pub struct AttrPath {
    pub source: Source,
    pub key: String,
}

impl AttrPath {
    /// Parses `user.x`, `record.x`, `org.x` or `team.x`.
    pub fn parse(text: &str) -> Option<AttrPath> {
        let (head, key) = text.split_once('.')?;
        let source = match head {
            "user" => Source::User,
            "record" => Source::Record,
            "org" => Source::Org,
            "team" => Source::Team,
            _ => return None,
        };
        if key.is_empty() {
            return None;
        }
        Some(AttrPath {
            source,
            key: key.to_owned(),
        })
    }
}
