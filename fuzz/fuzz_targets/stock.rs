//! Stock files: `Catalog::add_stock` on arbitrary text (seeds: paper-stocks/*.toml).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut catalog = podcover::Catalog::empty();
    if let Ok(vendor) = catalog.add_stock("fuzz.toml", &text) {
        // A vendor that validated must be usable: walk every product and lay out a book.
        let vendor_id = vendor.id.clone();
        let _ = format!("{vendor:?}");
        for offer in catalog.trims() {
            let _ = format!("{offer:?}");
        }
        let trim: podcover::TrimSize = "6x9".parse().expect("trim");
        for offer in catalog.compare(&trim, 200, None) {
            let _ = offer.result.map(|l| l.dump(podcover::Unit::In));
        }
        let _ = vendor_id;
    }
});
