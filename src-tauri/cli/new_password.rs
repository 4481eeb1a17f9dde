//! The new password for `gasdesk reset-password`: on a terminal it is typed without echo and
//! asked for twice; from a pipe (scripts, tests) it is one line of standard input.
use std::io::{self, BufRead, IsTerminal};

/// Reads the new password for `staff` from wherever standard input is.
pub fn read_new_password(staff: &str) -> Result<String, String> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        asked_twice(staff, |prompt| rpassword::prompt_password(prompt))
    } else {
        eprintln!("New password for {staff} (then Enter):");
        one_line(stdin.lock())
    }
}

/// Asks through `ask` twice and refuses a mismatch: a password typed unseen could hold a typo,
/// and setting it would lock the person out.
pub fn asked_twice(staff: &str, mut ask: impl FnMut(&str) -> io::Result<String>) -> Result<String, String> {
    let unreadable = |e: io::Error| format!("Could not read the password: {e}");
    let first = ask(&format!("New password for {staff}: ")).map_err(unreadable)?;
    let second = ask("The same password again: ").map_err(unreadable)?;
    if first != second {
        return Err("The two passwords are not the same; the password was not changed.".to_owned());
    }
    Ok(first)
}

/// One line, without its line ending.
fn one_line(mut input: impl BufRead) -> Result<String, String> {
    let mut line = String::new();
    input.read_line(&mut line).map_err(|e| format!("Could not read the password: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers from a script instead of a terminal, and notes each prompt.
    fn scripted<'a>(answers: &'a [&'a str], prompts: &'a mut Vec<String>) -> impl FnMut(&str) -> io::Result<String> + 'a {
        let mut answers = answers.iter();
        move |prompt| {
            prompts.push(prompt.to_owned());
            answers.next().map(|a| (*a).to_owned()).ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))
        }
    }

    #[test]
    fn a_new_password_typed_twice_the_same_is_taken() {
        let mut prompts = Vec::new();
        let password = asked_twice("admin", scripted(&["a-new-password", "a-new-password"], &mut prompts));
        assert_eq!(password, Ok("a-new-password".to_owned()));
        assert_eq!(prompts, ["New password for admin: ", "The same password again: "], "asked twice");
    }

    #[test]
    fn two_different_passwords_are_refused_with_a_plain_message() {
        let mut prompts = Vec::new();
        let refused = asked_twice("admin", scripted(&["a-new-password", "a-new-passwort"], &mut prompts)).unwrap_err();
        assert!(refused.contains("not the same") && refused.contains("not changed"), "{refused}");
    }

    #[test]
    fn input_that_ends_before_the_second_answer_is_refused() {
        let mut prompts = Vec::new();
        let refused = asked_twice("admin", scripted(&["a-new-password"], &mut prompts)).unwrap_err();
        assert!(refused.contains("Could not read"), "{refused}");
    }

    #[test]
    fn piped_input_is_one_line_without_its_line_ending() {
        assert_eq!(one_line(&b"a-new-password\r\nignored\n"[..]), Ok("a-new-password".to_owned()));
    }
}
