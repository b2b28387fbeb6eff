//! Prints every claim of the seed sample with its status (run with --nocapture; a debugging aid).
use fiscal_lint::narrative::analyze;

#[test]
#[ignore = "debugging aid: prints the claims of the sample"]
fn dump_sample_claims() {
    let Ok(text) = std::fs::read_to_string("../shared/samples/henan-xinxiang-hongqi-gxj-2023-final.txt") else {
        return;
    };
    let doc = fiscal_lint::input::text::read(&text).unwrap();
    let (ex, js) = analyze(&doc);
    for j in &js {
        let c = &ex.claims[j.claim];
        let nums: Vec<String> = c.nums.iter().map(|n| ex.nums[*n].text.clone()).collect();
        println!(
            "{} {:?} {:?} [{}..{}] {:?} :: {}",
            j.rule,
            j.status,
            c.section,
            j.start,
            j.end,
            nums,
            format!("{:?}", c.kind).chars().take(100).collect::<String>()
        );
    }
}

#[test]
#[ignore = "debugging aid: prints the figures of the sample as fixture lines"]
fn dump_sample_figures() {
    let Ok(text) = std::fs::read_to_string("../shared/samples/henan-xinxiang-hongqi-gxj-2023-final.txt") else {
        return;
    };
    let doc = fiscal_lint::input::text::read(&text).unwrap();
    let ex = fiscal_lint::narrative::extract(&doc);
    for n in &ex.nums {
        let s = ex.text.section_at(n.js);
        let h = &ex.text.sections[s].1;
        let ord: String = h.chars().take_while(|c| *c != '、').collect();
        println!("{ord}\t{}\t{}", n.number, n.text.trim_start_matches(&n.number).trim());
    }
}
