//! Rule 7: several threads and several processes booking at once on one file.
use crate::common::*;
use gasdesk_core::domain::{Actor, Terminal};
use gasdesk_core::model::{CylinderStatus, RegisterCylinders};
use gasdesk_core::store::Db;
use gasdesk_core::{Desk, Error};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::{Arc, Barrier};

/// Prepares a file with `stock` Filled cylinders and `customers` customers named c0, c1, …
fn prepare(path: &Path, stock: u32, customers: usize) {
    let t = file_desk(path);
    t.register_cylinders(
        &t.admin,
        &RegisterCylinders { serials: vec![], count: stock, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() },
    )
    .unwrap();
    for i in 0..customers {
        t.customer(&format!("cust{i}"));
    }
}

fn login(desk: &Desk, i: usize) -> Actor {
    desk.customer_login(&Terminal::OFFICE, &format!("cust{i}"), CUSTOMER_PASSWORD).unwrap()
}

#[test]
fn threads_booking_at_once_never_double_allocate() {
    let (_dir, path) = temp_db();
    let (threads, stock) = (8, 5);
    prepare(&path, stock, threads);
    let barrier = Arc::new(Barrier::new(threads));
    let gateway = TestGateway::new();
    let handles: Vec<_> = (0..threads)
        .map(|i| {
            let (path, barrier, gateway) = (path.clone(), barrier.clone(), gateway.clone());
            std::thread::spawn(move || {
                // Each thread is its own connection, as each kiosk process would be.
                let desk = Desk::new(Db::open(&path).unwrap(), gateway).with_config(fast());
                let me = login(&desk, i);
                barrier.wait();
                desk.book_cylinder_at_shown_price(&me)
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let won: Vec<String> = results.iter().filter_map(|r| r.as_ref().ok()).map(|r| r.cylinder_code.clone()).collect();
    let out_of_stock = results.iter().filter(|r| matches!(r, Err(Error::OutOfStock))).count();
    assert_eq!(won.len(), stock as usize, "{results:?}");
    assert_eq!(out_of_stock, threads - stock as usize, "losers get a clean out-of-stock: {results:?}");
    let mut unique = won.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), won.len(), "a cylinder was given twice");
    assert_eq!(gateway.charge_count(), stock as usize, "only winners were charged");
    assert!(Db::open(&path).unwrap().integrity_problems().unwrap().is_empty());
}

/// Child: books once for each customer named in GASDESK_CUSTOMERS and prints one line each.
pub fn child_books(path: &Path) {
    let desk = Desk::new(Db::open(path).unwrap(), mock()).with_config(fast());
    let customers = std::env::var("GASDESK_CUSTOMERS").unwrap();
    let me: Vec<Actor> = customers.split(',').map(|i| login(&desk, i.parse().unwrap())).collect();
    println!("READY");
    // Wait for the parent's go, so every process books at the same moment.
    let mut go = String::new();
    let _ = std::io::stdin().read_line(&mut go);
    for actor in me {
        match desk.book_cylinder_at_shown_price(&actor) {
            Ok(r) => println!("RESULT ok {}", r.cylinder_code),
            Err(Error::OutOfStock) => println!("RESULT out_of_stock"),
            Err(e) => println!("RESULT error {:?} {e}", e.code()),
        }
    }
}

#[test]
fn processes_booking_at_once_never_double_allocate() {
    let (_dir, path) = temp_db();
    let (processes, per_process, stock) = (4, 4, 9);
    prepare(&path, stock, processes * per_process);
    let mut children: Vec<_> = (0..processes)
        .map(|p| {
            let list: Vec<String> = (0..per_process).map(|k| (p * per_process + k).to_string()).collect();
            let exe = std::env::current_exe().unwrap();
            std::process::Command::new(exe)
                .args(["child_process_entry", "--exact", "--nocapture", "--test-threads=1"])
                .env("GASDESK_CHILD", "book")
                .env("GASDESK_CHILD_DB", &path)
                .env("GASDESK_CUSTOMERS", list.join(","))
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut readers: Vec<_> = children.iter_mut().map(|c| BufReader::new(c.stdout.take().unwrap())).collect();
    for r in &mut readers {
        let mut line = String::new();
        while !line.contains("READY") {
            line.clear();
            assert!(r.read_line(&mut line).unwrap() > 0, "child died before READY");
        }
    }
    for c in &mut children {
        drop(c.stdin.take()); // EOF on stdin is the go signal
    }
    let mut ok = Vec::new();
    let mut out_of_stock = 0;
    for (r, c) in readers.into_iter().zip(children.iter_mut()) {
        for line in r.lines().map(Result::unwrap).filter(|l| l.contains("RESULT")) {
            // The test harness may print its own text before ours on the same line.
            let parts: Vec<&str> = line[line.find("RESULT").unwrap_or(0)..].split_whitespace().collect();
            match parts[1] {
                "ok" => ok.push(parts[2].to_owned()),
                "out_of_stock" => out_of_stock += 1,
                _ => panic!("a child saw an error: {line}"),
            }
        }
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(ok.len(), stock as usize);
    assert_eq!(out_of_stock, processes * per_process - stock as usize);
    let mut unique = ok.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ok.len(), "a cylinder was given twice");
    let db = Db::open(&path).unwrap();
    assert!(db.integrity_problems().unwrap().is_empty());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let paid: i64 = conn.query_row("SELECT count(*) FROM payments WHERE status = 'Success'", [], |r| r.get(0)).unwrap();
    assert_eq!(paid, i64::from(stock), "every winner paid once, no loser paid");
    // Every sale got its tax invoice, numbered 1..n with no gap and no repeat across processes.
    let (invoices, top, distinct): (i64, i64, i64) = conn
        .query_row("SELECT count(*), max(seq), count(DISTINCT number) FROM sale_documents WHERE kind = 'Invoice'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((invoices, top, distinct), (i64::from(stock), i64::from(stock), i64::from(stock)), "invoice numbers gapless and unique");
}
