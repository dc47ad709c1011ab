package weekly

import (
	"context"
	"fmt"
)

// Thumbnail returns the JPEG thumbnail of a page's preview image stored
// under name (moisson.Image.Name), for the review page; an error
// wrapping moisson.ErrNotFound when there is none.
func (s *Service) Thumbnail(ctx context.Context, name string) ([]byte, error) {
	data, err := s.Store.ImageFile(ctx, name, false)
	if err != nil {
		return nil, fmt.Errorf("weekly: thumbnail: %w", err)
	}
	return data, nil
}
