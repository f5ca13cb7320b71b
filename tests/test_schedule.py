"""The monthly schedule: `piagam serve`'s deployment and prefect.yaml's agree, and load the flow."""

from __future__ import annotations

import yaml

from conftest import ROOT, SAMPLES


def test_serve_and_prefect_yaml_run_the_harvest_at_six_on_the_first_in_kuala_lumpur(tmp_path):
    from prefect.flows import load_flow_from_entrypoint

    from piagam.flows.harvest import deployment

    served = deployment(str(SAMPLES / "sources.yaml"), str(tmp_path))
    (schedule,) = served.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 6 1 * *", "Asia/Kuala_Lumpur")
    assert served.parameters["sources_file"] == str(SAMPLES / "sources.yaml")
    assert served.flow_name == "harvest"
    assert served.concurrency_limit == 1  # one run at a time writes the output folder

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    (deployed,) = config["deployments"]
    assert deployed["schedules"] == [{"cron": "0 6 1 * *", "timezone": "Asia/Kuala_Lumpur", "active": True}]
    assert deployed["work_pool"]["name"] == "piagam" and deployed["concurrency_limit"] == 1
    assert load_flow_from_entrypoint(deployed["entrypoint"]).name == "harvest"
