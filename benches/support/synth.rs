//! Synthetic documents for the benchmarks, the robustness tests and the fuzz seeds. Generated in code: no text
//! of the real sample is copied here.
//!
//! [`expenditure_table`] builds a 支出决算表 (T3 layout: 本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出,
//! 对附属单位补助支出) with a 合计 row and a 类 → 款 → 项 hierarchy whose sums are exact, so a correct checker
//! reports no error on it.

#![allow(dead_code)]

/// The 功能分类 类 of domain.md §3, used as the top level of the synthetic hierarchy.
pub const CLASSES: [(&str, &str); 29] = [
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
    ("234", "抗疫特别国债安排的支出"),
];

/// Columns of one row, in cents: 基本, 项目, 上缴上级, 经营, 对附属单位补助 (本年支出合计 is their sum).
type Parts = [i64; 5];

/// A small deterministic generator (xorshift), so every run measures the same document.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn add(a: &mut Parts, b: &Parts) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

fn row(out: &mut String, code: &str, name: &str, p: &Parts) {
    let total: i64 = p.iter().sum();
    out.push_str(code);
    out.push('\t');
    out.push_str(name);
    out.push('\t');
    out.push_str(&money(total));
    for v in p {
        out.push('\t');
        out.push_str(&money(*v));
    }
    out.push('\n');
}

/// The title, unit line and header rows of a 支出决算表 (national template wording).
pub fn expenditure_header(out: &mut String) {
    out.push_str("支出决算表\n\n单位：万元\n\n");
    out.push_str("项目\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出\n");
    out.push_str("功能分类科目编码\t科目名称\t\t\t\t\t\t\n");
    out.push_str("栏次\t\t1\t2\t3\t4\t5\t6\n");
}

/// A T3 table with `rows` body rows (合计 included; the last 类 may come out a row or two short so that every
/// 类 has a 款 and every 款 a 项). Returns the text and the number of body rows actually written.
pub fn expenditure_table(rows: usize, seed: u64) -> (String, usize) {
    const KUAN_PER_CLASS: usize = 99;
    const XIANG_PER_KUAN: usize = 50;
    let mut rng = Rng::new(seed);
    // Build the tree first (parents print before their children, with their sums).
    struct Kuan {
        code: String,
        sum: Parts,
        items: Vec<(String, Parts)>,
    }
    struct Class {
        code: &'static str,
        name: &'static str,
        sum: Parts,
        kuan: Vec<Kuan>,
    }
    let mut budget = rows.saturating_sub(1); // the 合计 row
    let mut classes: Vec<Class> = Vec::new();
    'classes: for (code, name) in CLASSES {
        if budget < 3 {
            break;
        }
        budget -= 1;
        let mut class = Class { code, name, sum: [0; 5], kuan: Vec::new() };
        for k in 1..=KUAN_PER_CLASS {
            if budget < 2 {
                classes.push(class);
                break 'classes;
            }
            budget -= 1;
            let mut kuan = Kuan { code: format!("{code}{k:02}"), sum: [0; 5], items: Vec::new() };
            for x in 1..=XIANG_PER_KUAN {
                if budget == 0 {
                    break;
                }
                budget -= 1;
                let x_code = if x == XIANG_PER_KUAN { 99 } else { x };
                let basic = rng.below(5_000_00) as i64;
                let project = if rng.below(3) == 0 { 0 } else { rng.below(20_000_00) as i64 };
                let to_superior = if rng.below(10) == 0 { rng.below(100_00) as i64 } else { 0 };
                let operating = if rng.below(10) == 0 { rng.below(100_00) as i64 } else { 0 };
                let affiliates = if rng.below(10) == 0 { rng.below(100_00) as i64 } else { 0 };
                let p = [basic, project, to_superior, operating, affiliates];
                add(&mut kuan.sum, &p);
                kuan.items.push((format!("{}{x_code:02}", kuan.code), p));
            }
            add(&mut class.sum, &kuan.sum);
            class.kuan.push(kuan);
        }
        classes.push(class);
    }
    let mut grand = [0; 5];
    for c in &classes {
        add(&mut grand, &c.sum);
    }
    let mut out = String::with_capacity(rows * 80 + 512);
    expenditure_header(&mut out);
    row(&mut out, "合计", "", &grand);
    let mut written = 1;
    for c in &classes {
        row(&mut out, c.code, c.name, &c.sum);
        written += 1;
        for k in &c.kuan {
            row(&mut out, &k.code, &format!("款{}", k.code), &k.sum);
            written += 1;
            for (code, p) in &k.items {
                row(&mut out, code, &format!("项{code}"), p);
                written += 1;
            }
        }
    }
    out.push_str("\n注：本表金额转换为万元时，因四舍五入可能存在尾差。\n");
    (out, written)
}

/// About `bytes` of text made of whole synthetic T3 tables one after another (each a separate table).
pub fn repeated_tables(bytes: usize, rows_per_table: usize) -> String {
    let (one, _) = expenditure_table(rows_per_table, 7);
    let mut out = String::with_capacity(bytes + one.len());
    while out.len() < bytes {
        out.push_str(&one);
        out.push('\n');
    }
    out
}
