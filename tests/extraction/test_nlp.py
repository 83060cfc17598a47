from eventpipe.extraction.nlp import load_pipeline, pipeline_loads, release_pipelines


def test_released_pipeline_is_loaded_again_on_next_use(nlp):
    first = load_pipeline()
    assert pipeline_loads() >= 1
    release_pipelines()
    assert pipeline_loads() == 0
    again = load_pipeline()
    assert again is not first and pipeline_loads() == 1
    assert [t.dep_ for t in again("Iran condemned the attack.")][1] == "ROOT"
