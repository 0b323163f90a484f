fn main() {
    quota_planner::ui::start();
}
