package scanner

import "github.com/pmscan/pmscan/connectors"

// Tee returns a Sink that hands every result to each of sinks in turn; the
// first error stops it.
func Tee(sinks ...Sink) Sink { return tee(sinks) }

type tee []Sink

var _ CheckpointSink = tee(nil)

func (t tee) Finding(f *Finding) error {
	for _, s := range t {
		if err := s.Finding(f); err != nil {
			return err
		}
	}
	return nil
}

func (t tee) Object(o *connectors.Object, st connectors.ObjectStats) error {
	for _, s := range t {
		if err := s.Object(o, st); err != nil {
			return err
		}
	}
	return nil
}

func (t tee) Problem(p Problem) error {
	for _, s := range t {
		if err := s.Problem(p); err != nil {
			return err
		}
	}
	return nil
}

func (t tee) Checkpoint(o *connectors.Object, cp *connectors.Checkpoint) error {
	for _, s := range t {
		if cs, ok := s.(CheckpointSink); ok {
			if err := cs.Checkpoint(o, cp); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t tee) Resume(o *connectors.Object, c *connectors.Carried) error {
	for _, s := range t {
		if cs, ok := s.(CheckpointSink); ok {
			if err := cs.Resume(o, c); err != nil {
				return err
			}
		}
	}
	return nil
}
