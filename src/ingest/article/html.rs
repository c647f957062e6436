//! Text out of HTML pages, a line at a time: tags, scripts and styles removed, common
//! entities decoded.

/// Removes tags, scripts and styles from HTML a line at a time, decoding common entities.
#[derive(Debug, Default)]
pub(super) struct HtmlStripper {
    in_tag: bool,
    skipping: Option<&'static str>,
}

impl HtmlStripper {
    pub(super) fn line(&mut self, line: &str) -> String {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while !rest.is_empty() {
            if let Some(end) = self.skipping {
                match rest.to_ascii_lowercase().find(end) {
                    Some(i) => {
                        rest = &rest[i + end.len()..];
                        self.skipping = None;
                    }
                    None => break,
                }
                continue;
            }
            if self.in_tag {
                match rest.find('>') {
                    Some(i) => {
                        rest = &rest[i + 1..];
                        self.in_tag = false;
                        out.push(' ');
                    }
                    None => break,
                }
                continue;
            }
            match rest.find('<') {
                Some(i) => {
                    out.push_str(&rest[..i]);
                    let tag = rest[i + 1..].to_ascii_lowercase();
                    self.skipping = if tag.starts_with("script") {
                        Some("</script>")
                    } else if tag.starts_with("style") {
                        Some("</style>")
                    } else {
                        None
                    };
                    self.in_tag = self.skipping.is_none();
                    rest = &rest[i + 1..];
                }
                None => {
                    out.push_str(rest);
                    break;
                }
            }
        }
        decode_entities(&out)
    }
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = text.to_string();
    for (entity, c) in [
        ("&nbsp;", " "),
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&yen;", "¥"),
        ("&euro;", "€"),
        ("&pound;", "£"),
        ("&ndash;", "–"),
        ("&mdash;", "—"),
        ("&rsquo;", "’"),
    ] {
        out = out.replace(entity, c);
    }
    out
}
