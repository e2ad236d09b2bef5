//! The shell conventions: `camtui completions SHELL` gives scripts the shells load (bash is
//! driven for real: its completion function completes `camtui ke<TAB>`), and `camtui man` gives
//! roff pages.

use std::process::Command;

fn camtui(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_camtui"))
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "camtui {args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// What bash's completion offers for the words of `line` (the last one being completed).
fn bash_completes(script: &std::path::Path, line: &str) -> Vec<String> {
    let words: Vec<&str> = line.split(' ').collect();
    let program = format!(
        "source {script}\n\
         COMP_WORDS=({words})\n\
         COMP_CWORD={cword}\n\
         COMP_LINE='{line}'\n\
         COMP_POINT=${{#COMP_LINE}}\n\
         _camtui camtui '{current}' '{previous}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script = script.display(),
        words = words.join(" "),
        cword = words.len() - 1,
        current = words[words.len() - 1],
        previous = words[words.len() - 2],
    );
    let output = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_subcommands_from_the_script() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("camtui.bash");
    std::fs::write(&script, camtui(&["completions", "bash"])).unwrap();
    assert_eq!(bash_completes(&script, "camtui ke"), ["keys"]);
    assert_eq!(bash_completes(&script, "camtui keys cr"), ["create"]);
    let options = bash_completes(&script, "camtui --re");
    assert!(
        options.iter().any(|o| o == "--region") && options.iter().any(|o| o == "--read-only"),
        "{options:?}"
    );
}

#[test]
fn every_shell_gets_a_script_for_camtui() {
    for (shell, marker) in [
        ("zsh", "#compdef camtui"),
        ("fish", "complete -c camtui"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[camtui]"),
    ] {
        let script = camtui(&["completions", shell]);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("whois"),
            "{shell} completes the subcommands"
        );
    }
    let refused = Command::new(env!("CARGO_BIN_EXE_camtui"))
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(64), "{refused:?}");
}

#[test]
fn man_prints_camtui_1_and_writes_a_page_per_command() {
    let page = camtui(&["man"]);
    assert!(page.contains(".TH camtui 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "{section} in\n{page}");
    }
    assert!(page.contains("whois"), "the subcommands are listed");

    let dir = tempfile::tempdir().unwrap();
    camtui(&["man", "--dir", dir.path().to_str().unwrap()]);
    for name in [
        "camtui.1",
        "camtui-keys.1",
        "camtui-keys-create.1",
        "camtui-whois.1",
    ] {
        let page = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(
            page.starts_with(".ie") && page.contains(".TH "),
            "{name}: {page}"
        );
    }
}
