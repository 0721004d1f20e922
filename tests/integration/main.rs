//! The one integration test binary: runs the real `salvage` executable on fixtures in
//! temporary folders and checks its outputs by parsing them back.

mod bad_input;
mod encodings;
mod exports;
mod forms;
mod forms_convert;
mod ftfy_cases;
mod golden;
mod html;
mod inspect;
mod jobs;
mod outputs;
mod repair_cli;
mod report;
mod sources;
mod util;
