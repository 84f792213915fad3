"""page redirects: old slugs of renamed pages

Revision ID: 3c5e7a9b1d2f
Revises: 70162a2e2125
Create Date: 2026-11-24

"""
from alembic import op
import sqlalchemy as sa

revision = '3c5e7a9b1d2f'
down_revision = '70162a2e2125'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'page_redirects',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('old_slug', sa.String(length=200), nullable=False),
        sa.Column('page_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['page_id'], ['pages.id'], name=op.f('fk_page_redirects_page_id_pages'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_page_redirects')),
        sa.UniqueConstraint('old_slug', name=op.f('uq_page_redirects_old_slug')),
    )
    with op.batch_alter_table('page_redirects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_page_redirects_page_id'), ['page_id'], unique=False)


def downgrade():
    with op.batch_alter_table('page_redirects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_page_redirects_page_id'))
    op.drop_table('page_redirects')
