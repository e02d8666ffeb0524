package consent

import (
	"fmt"
	"io"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// pdfcpuQuiet keeps pdfcpu from writing its configuration file into the
// user's configuration folder the first time it reads a document.
var pdfcpuQuiet sync.Once

// DocKeywords reads the keywords a document keeps in its properties (its
// information dictionary), as Doc.Keywords set them. It reads PDFs with
// pdfcpu, so any well-formed PDF will do, saved again by a viewer too.
func DocKeywords(r io.ReadSeeker) ([]string, error) {
	pdfcpuQuiet.Do(func() { model.ConfigPath = "disable" })
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	kw, err := api.Keywords(r, conf)
	if err != nil {
		return nil, fmt.Errorf("read pdf: %w", err)
	}
	return kw, nil
}
